import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '@provisioning/sdk';
import { LocalTestExecutor } from '../testing/local-executor';
import { describeOutputs, readTaskservOutputs, TaskservOutputError } from './outputs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outputs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readTaskservOutputs', () => {
  it('reads every output in one round trip and lists secret values for redaction', async () => {
    writeFileSync(`${dir}/node-token`, 'K10abc::server:xyz\n');
    const executor = new LocalTestExecutor();
    const { values, secrets } = await readTaskservOutputs(executor, {
      name: 'k3s-server',
      outputs: {
        joinToken: { command: command('cat', `${dir}/node-token`), secret: true },
        apiPort: { command: 'echo 6443' },
      },
    });
    expect(values).toEqual({ joinToken: 'K10abc::server:xyz', apiPort: '6443' });
    expect(secrets).toEqual(['K10abc::server:xyz']);
    expect(describeOutputs(values, secrets)).toEqual(['joinToken=***', 'apiPort=6443']);
    expect(executor.calls).toHaveLength(1);
  });

  it('names the output, task service and host when an output cannot be read', async () => {
    const reading = readTaskservOutputs(new LocalTestExecutor(), {
      name: 'k3s-server',
      outputs: { joinToken: { command: command('cat', `${dir}/missing`) } },
    });
    await expect(reading).rejects.toBeInstanceOf(TaskservOutputError);
    await expect(
      readTaskservOutputs(new LocalTestExecutor(), {
        name: 'k3s-server',
        outputs: { joinToken: { command: 'exit 2' } },
      }),
    ).rejects.toThrow(
      /Output "joinToken" of task service "k3s-server" could not be read on host "localhost" \(exit 2\)/,
    );
  });
});

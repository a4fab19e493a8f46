import { defineTaskserv, file } from '@provisioning/sdk';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { planAndApply } from '../../../examples/plan-and-apply';
import { writeWorkspace } from '../../testing/workspace-fixture';

const motd = defineTaskserv({
  name: 'motd',
  version: '1.0.0',
  params: z.object({ path: z.string(), text: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: `${params.text}\n`, mode: '0644' })],
});

describe('the README example (examples/plan-and-apply.ts)', () => {
  it('is embedded in the README verbatim', () => {
    const example = readFileSync(join(__dirname, '../../../examples/plan-and-apply.ts'), 'utf8');
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('plans and applies a workspace without the CLI, and then finds nothing to change', async () => {
    const root = writeWorkspace({ 'provisioning.yaml': 'name: example\ndefault_infra: main\n' });
    const target = join(root, 'motd.txt');
    writeWorkspaceFiles(root, target);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await planAndApply(root, [motd])).toBe(true);
      expect(readFileSync(target, 'utf8')).toBe('hello from a script\n');
      expect(log.mock.calls.map(([line]) => line)).toEqual([
        `here: motd/file:${target}: create ${target} (1 line)`,
        'here: ok (1 changed)',
      ]);
      log.mockClear();
      expect(await planAndApply(root, [motd])).toBe(true);
      expect(log.mock.calls.map(([line]) => line)).toEqual(['here: ok (0 changed)']);
    } finally {
      log.mockRestore();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function writeWorkspaceFiles(root: string, target: string): void {
  mkdirSync(join(root, 'infra/main'), { recursive: true });
  writeFileSync(join(root, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
  writeFileSync(
    join(root, 'infra/main/taskservs.yaml'),
    `taskservs:\n  - { name: motd, servers: [here], params: { path: "${target}", text: hello from a script } }\n`,
  );
}

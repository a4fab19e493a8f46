import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { file, line, service } from '@provisioning/sdk';
import { LocalTestExecutor } from '../testing/local-executor';
import { planHost } from './plan';
import { renderHostPlan } from './render-plan';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'render-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('renderHostPlan', () => {
  it('prints counts, each pending operation with its diff, and why an operation cannot run', async () => {
    const plan = await planHost(new LocalTestExecutor(), [
      line({ id: 'first', path: `${dir}/a`, line: 'x=1' }),
      line({ id: 'second', path: `${dir}/a`, line: 'y=2', after: ['first'] }),
      file({ id: 'same', path: `${dir}/b`, content: '', mode: '0644' }),
      service({ id: 'svc', name: 'redis-server', state: 'started' }),
    ]);
    expect(renderHostPlan(plan)).toBe(
      [
        'localhost: 2 to change, 1 known after apply, 0 unchanged, 1 cannot run',
        `  ~ first (line): create ${dir}/a (1 line)`,
        `      --- ${dir}/a`,
        `      +++ ${dir}/a`,
        '      @@ -0,0 +1 @@',
        '      +x=1',
        '  ? second (line): known after apply (depends on first)',
        `  ~ same (file): create ${dir}/b (0 lines)`,
        '  ! svc (service): redis-server.service: no systemd',
        '      systemd is not running as PID 1 on this host, so redis-server.service cannot be managed; use a host booted with systemd, or start the daemon with a shell operation',
        '',
      ].join('\n'),
    );
  });
});

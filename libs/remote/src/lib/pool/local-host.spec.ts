import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionPool } from './connection-pool';
import type { PoolEvent } from './events';

describe('a host with connection: local', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'local-host-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs commands and file operations on this machine through the same pool API, without SSH', async () => {
    const events: PoolEvent[] = [];
    const pool = new ConnectionPool({
      hosts: [{ name: 'control', connection: 'local' }],
      onEvent: (event) => events.push(event),
    });
    try {
      await expect(
        pool.exec('control', 'printf %s "$X"', { env: { X: 'local value' } }),
      ).resolves.toMatchObject({ code: 0, stdout: 'local value' });
      const files = pool.files('control');
      await files.writeFile(join(dir, 'conf'), 'a=1\n', { mode: 0o600 });
      expect(readFileSync(join(dir, 'conf'), 'utf8')).toBe('a=1\n');
      expect(statSync(join(dir, 'conf')).mode & 0o777).toBe(0o600);
      expect(await files.sha256(join(dir, 'conf'))).toBe(createHash('sha256').update('a=1\n').digest('hex'));
    } finally {
      await pool.close();
    }
    expect(events.some((event) => event.type === 'connect')).toBe(false);
    expect(
      events.filter((event) => event.type === 'exec-start').every((event) => event.host === 'control'),
    ).toBe(true);
  });
});

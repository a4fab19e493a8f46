import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLock } from './lock';

describe('withLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'testbed-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs actions on the same lock one after the other', async () => {
    const events: string[] = [];
    const action = (name: string) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push(`${name} end`);
    };
    await Promise.all([withLock(join(dir, 'l'), action('a')), withLock(join(dir, 'l'), action('b'))]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('releases the lock when the action throws', async () => {
    await expect(withLock(join(dir, 'l'), async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(existsSync(join(dir, 'l'))).toBe(false);
  });

  it('takes over a lock whose owner process is gone', async () => {
    writeFileSync(join(dir, 'l'), '2147483646');
    await expect(withLock(join(dir, 'l'), async () => 'ran')).resolves.toBe('ran');
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localUrl, reloadWhenServing } from './reload-command';

/**
 * Runs the reload under a real sh with stand-ins for promtool (fails until its Nth call),
 * systemctl and sleep, each logging how it was called.
 */
function runReload(options: { readyOnCall: number; waitSeconds: number }): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-reload-'));
  try {
    const log = join(dir, 'calls');
    const stub = (name: string, body: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    };
    stub(
      'promtool',
      `n=$(($(cat ${dir}/count 2>/dev/null || echo 0) + 1)); echo $n > ${dir}/count; echo "promtool $*" >> ${log}; [ $n -ge ${options.readyOnCall} ]`,
    );
    stub('systemctl', `echo "systemctl $*" >> ${log}`);
    stub('sleep', `echo "sleep $*" >> ${log}`);
    execFileSync('sh', ['-c', reloadWhenServing(':9090', options.waitSeconds)], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    return readFileSync(log, 'utf8').trim().split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('prometheus reload', () => {
  it('waits until Prometheus answers a query before sending the reload (a SIGHUP before it is ready kills it)', () => {
    expect(runReload({ readyOnCall: 3, waitSeconds: 60 })).toEqual([
      'promtool query instant http://127.0.0.1:9090 vector(1)',
      'sleep 0.5',
      'promtool query instant http://127.0.0.1:9090 vector(1)',
      'sleep 0.5',
      'promtool query instant http://127.0.0.1:9090 vector(1)',
      'systemctl reload prometheus',
    ]);
  });

  it('restarts instead when Prometheus never answers within the wait, so the live config is read either way', () => {
    const calls = runReload({ readyOnCall: Number.MAX_SAFE_INTEGER, waitSeconds: 2 });
    expect(calls.filter((call) => call.startsWith('promtool'))).toHaveLength(4);
    expect(calls.at(-1)).toBe('systemctl restart prometheus');
    expect(calls).not.toContain('systemctl reload prometheus');
  });

  it.each([
    [':9090', 'http://127.0.0.1:9090'],
    ['0.0.0.0:9091', 'http://127.0.0.1:9091'],
    ['10.0.0.5:9090', 'http://10.0.0.5:9090'],
    ['[::]:9090', 'http://[::1]:9090'],
    ['[fd00::5]:9090', 'http://[fd00::5]:9090'],
  ])('reaches a server listening on %s at %s', (listen, url) => {
    expect(localUrl(listen)).toBe(url);
  });
});

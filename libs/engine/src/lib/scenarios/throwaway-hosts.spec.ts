import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwawayHostsProblem } from './throwaway-hosts';

describe('throwawayHostsProblem', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'throwaway-bin-'));
    writeFileSync(join(bin, 'systemd-nspawn'), '#!/bin/sh\n');
    chmodSync(join(bin, 'systemd-nspawn'), 0o755);
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('says systemd-nspawn is missing, with the package to install', () => {
    const problem = throwawayHostsProblem({ PATH: join(bin, 'none') }, 0);
    expect(problem?.message).toMatch(/no systemd-nspawn on PATH/);
    expect(problem?.hint).toMatch(/apt-get install systemd-container/);
  });

  it('says root is needed, naming the uid it runs as', () => {
    const problem = throwawayHostsProblem({ PATH: bin }, 1000);
    expect(problem?.message).toMatch(/needs root \(this process runs as uid 1000\)/);
    expect(problem?.hint).toMatch(/sudo -E provisioning test/);
  });

  it('finds nothing wrong as root with systemd-nspawn on PATH', () => {
    expect(throwawayHostsProblem({ PATH: `/nonexistent:${bin}` }, 0)).toBeUndefined();
  });
});

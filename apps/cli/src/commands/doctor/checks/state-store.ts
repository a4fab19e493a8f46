import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './check';

export const stateStoreCheck: Check = {
  id: 'state-store',
  title: 'state store',
  async run(context) {
    if (!context.workspaceRoot) return { status: 'skipped', detail: 'no workspace' };
    const stateDir = join(context.workspaceRoot, '.provisioning');
    const probe = join(stateDir, `.doctor-${process.pid}`);
    try {
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(probe, 'ok');
      rmSync(probe);
      return { status: 'ok', detail: `${stateDir} is writable` };
    } catch (error) {
      return {
        status: 'error',
        detail: `cannot write to ${stateDir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        hint: 'the state database lives there: fix its permissions or run as the workspace owner',
      };
    }
  },
};

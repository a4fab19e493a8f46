import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * The state file records every resource `up` created, as it creates it, so `down` removes exactly
 * those (and nothing else), even after an `up` that failed half-way.
 */
const processRef = z.object({
  pid: z.number().int().positive(),
  /** Start time in clock ticks since boot (/proc/PID/stat field 22): guards against PID reuse. */
  startTicks: z.number().int().nonnegative(),
});

const hostState = z.object({
  index: z.number().int().positive(),
  name: z.string(),
  address: z.string(),
  dir: z.string(),
  mergedDir: z.string(),
  overlayMounted: z.boolean(),
  cgroups: z.array(z.string()),
  /** The relaunch loop (a setsid bash around systemd-nspawn); undefined until launched. */
  launcher: processRef.optional(),
  machineId: z.string(),
  hostKey: z.string(),
});

const stateSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  subnet: z.string(),
  createdAt: z.string(),
  baseDir: z.string(),
  bridge: z.object({ name: z.string(), address: z.string(), created: z.boolean() }),
  clientKey: z.string(),
  knownHosts: z.string(),
  hosts: z.array(hostState),
  artifacts: z.object({ dir: z.string(), url: z.string(), server: processRef.optional() }),
});

export type ProcessRef = z.infer<typeof processRef>;
export type HostState = z.infer<typeof hostState>;
export type TestbedState = z.infer<typeof stateSchema>;

export const STATE_FILE = 'state.json';

export function statePath(stateDir: string): string {
  return join(stateDir, STATE_FILE);
}

/** Parses a state file's text; the error names the file and what to do. */
export function parseState(text: string, path: string): TestbedState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `testbed state ${path} is not JSON (${(error as Error).message}); inspect it, clean up by hand, then delete it`,
    );
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `testbed state ${path} is not a state file this version understands (${issue?.path.join('.')}: ${issue?.message}); ` +
        'inspect it, clean up by hand, then delete it',
    );
  }
  return parsed.data;
}

/** Reads the state of an instance, or undefined when none is recorded (the testbed is down). */
export function readState(stateDir: string): TestbedState | undefined {
  const path = statePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseState(text, path);
}

/** Writes atomically (temp file + rename), so a crash never leaves a half-written state file. */
export function writeState(stateDir: string, state: TestbedState): void {
  const path = statePath(stateDir);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

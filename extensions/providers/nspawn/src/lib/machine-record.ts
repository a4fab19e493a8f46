import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const processRef = z.object({ pid: z.number().int().positive(), startTicks: z.number().int().nonnegative() });

/**
 * What the provider knows about one host, written before and after each step of its creation,
 * so `delete` removes exactly what was made, even when a create stopped half-way.
 */
const machineRecord = z.object({
  version: z.literal(1),
  id: z.string(),
  name: z.string(),
  clientToken: z.string(),
  labels: z.record(z.string(), z.string()),
  address: z.string(),
  bridge: z.string(),
  subnet: z.string(),
  dir: z.string(),
  lowerDir: z.string(),
  mergedDir: z.string(),
  overlayMounted: z.boolean(),
  cgroups: z.array(z.string()),
  launcher: processRef.optional(),
  machineId: z.string(),
  hostKey: z.string(),
  bindReadOnly: z.array(z.string()),
  createdAt: z.string(),
});

export type MachineRecord = z.infer<typeof machineRecord>;

export const machinesDir = (stateDir: string) => join(stateDir, 'machines');
export const machineDir = (stateDir: string, id: string) => join(machinesDir(stateDir), id);
const recordFile = (dir: string) => join(dir, 'machine.json');

export function writeRecord(record: MachineRecord): void {
  mkdirSync(record.dir, { recursive: true });
  const file = recordFile(record.dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function readRecord(stateDir: string, id: string): MachineRecord | undefined {
  const file = recordFile(machineDir(stateDir, id));
  if (!existsSync(file)) return undefined;
  const parsed = machineRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file} is not a machine record this provider wrote (${parsed.error.issues[0]?.message}); move it away`,
    );
  return parsed.data;
}

export function listRecords(stateDir: string): MachineRecord[] {
  if (!existsSync(machinesDir(stateDir))) return [];
  return readdirSync(machinesDir(stateDir))
    .map((id) => readRecord(stateDir, id))
    .filter((record): record is MachineRecord => record !== undefined);
}

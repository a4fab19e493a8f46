import { existsSync, readFileSync } from 'node:fs';
import { defaultSecretsFiles } from '@provisioning/config';
import { Redactor } from '@provisioning/sdk';
import { parse } from 'yaml';

function stringLeaves(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, out);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) stringLeaves(item, out);
}

function secretsFileValues(path: string, out: string[]): void {
  if (!existsSync(path)) return;
  try {
    stringLeaves(parse(readFileSync(path, 'utf8')), out);
  } catch {
    // A broken secrets file is reported by validate; its raw text is still masked line by line.
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const value = line.split(':').slice(1).join(':').trim();
      if (value) out.push(value);
    }
  }
}

/**
 * A last guard at the MCP boundary: every secret value the workspace can reach (`PROVISIONING_SECRET_*`
 * and both secrets files), masked in every result and error even if a layer below missed one.
 */
export function boundaryRedactor(workspace: string, env: NodeJS.ProcessEnv): Redactor {
  const values: string[] = [];
  for (const [key, value] of Object.entries(env))
    if (key.startsWith('PROVISIONING_SECRET_') && value) values.push(value);
  for (const file of defaultSecretsFiles(workspace, env)) secretsFileValues(file, values);
  return new Redactor(values);
}

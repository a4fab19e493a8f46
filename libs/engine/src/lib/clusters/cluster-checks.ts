import type { ClusterHealthCheck, Executor } from '@provisioning/sdk';
import { writeFileAtomic } from '@provisioning/config';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterRun } from './cluster-run';
import type { ResolvedCluster } from './resolve-cluster';

export interface HealthResult {
  name: string;
  role: string;
  server: string;
  healthy: boolean;
  /** Last stderr/stdout line of a failing check, redacted. */
  message?: string;
  attempts: number;
}

export interface ClusterOutputValue {
  name: string;
  description?: string;
  /** The value, or the path it was saved to (`file`); `***` for a secret shown inline. */
  value: string;
  file?: string;
  secret: boolean;
}

export const clusterOutputDir = (workspaceRoot: string, cluster: string) =>
  join(workspaceRoot, '.provisioning', 'clusters', cluster);

function commandOf(check: ClusterHealthCheck, resolved: ResolvedCluster): string {
  return typeof check.command === 'function' ? check.command(resolved.roles) : check.command;
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

/** Runs each health check on the first server of its role, retrying every 2 s until it passes or `timeoutSeconds` (0: once). */
export async function runHealthChecks(
  resolved: ResolvedCluster,
  run: ClusterRun,
  options: { wait: boolean; signal?: AbortSignal; onAttempt?: (check: string, message: string) => void },
): Promise<HealthResult[]> {
  const results: HealthResult[] = [];
  for (const check of resolved.definition.health) {
    const server = resolved.roles[check.role]?.[0];
    if (!server) continue; // an optional role with no server has nothing to check
    const executor: Executor = run.pool.executor(server);
    const deadline = Date.now() + (options.wait ? (check.timeoutSeconds ?? 120) * 1000 : 0);
    let attempts = 0;
    for (;;) {
      attempts++;
      const result = await executor.exec(commandOf(check, resolved), {
        timeoutMs: 60_000,
        signal: options.signal,
      });
      const message = run.redactor.redact(lastLine(result.stderr) || lastLine(result.stdout));
      if (result.code === 0) {
        results.push({ name: check.name, role: check.role, server, healthy: true, attempts });
        break;
      }
      if (Date.now() >= deadline) {
        results.push({ name: check.name, role: check.role, server, healthy: false, message, attempts });
        break;
      }
      options.onAttempt?.(check.name, message);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  return results;
}

/** Reads each output on the first server of its role; `file` outputs are saved (0600 when secret) and their path returned. */
export async function readClusterOutputs(
  resolved: ResolvedCluster,
  run: ClusterRun,
  workspaceRoot: string,
  signal?: AbortSignal,
): Promise<ClusterOutputValue[]> {
  const values: ClusterOutputValue[] = [];
  for (const [name, output] of Object.entries(resolved.definition.outputs)) {
    const server = resolved.roles[output.role]?.[0];
    if (!server) continue;
    const result = await run.pool.executor(server).exec(output.command, { timeoutMs: 60_000, signal });
    if (result.code !== 0)
      throw new Error(
        `output ${name} of cluster ${resolved.cluster.name}: \`${output.command}\` on ${server} exited ${result.code}: ${run.redactor.redact(lastLine(result.stderr))}`,
      );
    const secret = output.secret === true;
    const base = { name, ...(output.description ? { description: output.description } : {}), secret };
    if (output.file) {
      const dir = clusterOutputDir(workspaceRoot, resolved.cluster.name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, output.file);
      writeFileAtomic(path, result.stdout, secret ? 0o600 : 0o644);
      values.push({ ...base, value: path, file: path });
    } else {
      values.push({ ...base, value: secret ? '***' : result.stdout.trim() });
    }
  }
  return values;
}

import { type Executor, redact } from '@provisioning/sdk';
import { EngineError } from '../errors';
import type { OutputsBook } from './batch-operations';
import type { PreparedStep } from './prepare-run';

/**
 * Reads the outputs a step publishes (the k3s join token, ...) from its host after it is in place,
 * so steps on other hosts that depend on it get them through `ctx.outputs(name)`. Secret outputs
 * join the run's list of values to mask.
 */
export async function readOutputs(executor: Executor, step: PreparedStep, book: OutputsBook, secrets: string[]): Promise<void> {
  const entries = Object.entries(step.definition.outputs);
  if (entries.length === 0) return;
  const values: Record<string, string> = {};
  for (const [name, output] of entries) {
    // No `secrets` here: the executor would mask them in stdout, and stdout is the value we need.
    const result = await executor.exec(output.command);
    if (result.code !== 0) {
      const lastLine = redact(result.stderr.trim().split('\n').at(-1) ?? '', secrets);
      throw new EngineError(
        `output "${name}" of ${step.id} could not be read: "${output.command}" exited with ${result.code}: ${lastLine}`,
        `check that ${step.entry.name} is installed on ${step.server.name}: 'provisioning taskserv status ${step.entry.name}'`,
      );
    }
    values[name] = result.stdout.trim();
    if (output.secret && values[name]) secrets.push(values[name]);
  }
  // Dependents may ask by entry name (`k3s-server`) or by the taskserv's own name (`k3s`).
  for (const key of new Set([step.entry.name, step.definition.name])) book.set(key, { ...book.get(key), ...values });
}

import { readTaskservOutputs } from '@provisioning/operations';
import type { Executor } from '@provisioning/sdk';
import type { OutputsBook } from './batch-operations';
import type { PreparedStep } from './prepare-run';

/**
 * Reads the outputs a step publishes (the k3s join token, ...) from its host after it is in place,
 * so steps on other hosts that depend on it get them through `ctx.outputs(name)`. Secret outputs
 * join the run's list of values to mask.
 */
export async function readOutputs(
  executor: Executor,
  step: PreparedStep,
  book: OutputsBook,
  secrets: string[],
  sudo?: boolean,
): Promise<void> {
  // No `secrets` passed to the read itself: the executor would mask them in stdout, which is the value.
  const { values, secrets: secretValues } = await readTaskservOutputs(executor, step.definition, { sudo });
  if (Object.keys(values).length === 0) return;
  secrets.push(...secretValues);
  // Dependents may ask by entry name (`k3s-server`) or by the taskserv's own name (`k3s`).
  for (const key of new Set([step.entry.name, step.definition.name]))
    book.set(key, { ...book.get(key), ...values });
}

import { redact } from '@provisioning/sdk';
import type { Executor, TaskservDefinition } from '@provisioning/sdk';
import { FactsGatheringError, tail } from './errors';
import { composeFactsScript, newMarker, parseSections, SCRIPT_COMMAND } from './sections';

export class TaskservOutputError extends Error {
  override name = 'TaskservOutputError';
}

/**
 * Reads a task service's outputs (e.g. the k3s join token) from its host after apply, all in one
 * round trip. Values are trimmed of their final newline; a secret output's value is returned in
 * `secrets` too, so the engine adds it to the run's redaction list before anything is logged.
 */
export async function readTaskservOutputs(
  executor: Executor,
  definition: Pick<TaskservDefinition, 'name' | 'outputs'>,
  options: { sudo?: boolean; secrets?: readonly string[] } = {},
): Promise<{ values: Record<string, string>; secrets: string[] }> {
  const entries = Object.entries(definition.outputs);
  if (!entries.length) return { values: {}, secrets: [] };
  const marker = newMarker();
  const script = composeFactsScript(
    marker,
    entries.map(([, output]) => output.command),
  );
  const result = await executor
    .exec(SCRIPT_COMMAND, { stdin: script, sudo: options.sudo, secrets: options.secrets })
    .catch((cause: unknown) => {
      throw new FactsGatheringError(executor.host, null, [], cause);
    });
  const sections = parseSections(result.stdout, marker);
  const values: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [index, [name, output]] of entries.entries()) {
    const section = sections.get(index);
    if (section?.code !== 0) {
      throw new TaskservOutputError(
        `Output "${name}" of task service "${definition.name}" could not be read on host "${executor.host}" (exit ${section?.code ?? result.code}): ` +
          `${tail(result.stderr, options.secrets, 3).join(' | ') || 'no error output'}. Check that install created it, then apply again.`,
      );
    }
    values[name] = section.text.replace(/\n$/, '');
    if (output.secret) secrets.push(values[name]);
  }
  return { values, secrets: secrets.filter(Boolean) };
}

/** For logs: the outputs with secret values masked. */
export const describeOutputs = (values: Record<string, string>, secrets: readonly string[]) =>
  Object.entries(values).map(([name, value]) => `${name}=${redact(value, secrets)}`);

import type { Diagnostic } from '../diagnostics/diagnostic';
import { InterpolationError } from '../errors';
import { type InterpolationContext, parseTemplate, stringsWithPaths } from '../interpolation/interpolate';
import type { ParsedYamlFile } from '../yaml/read-yaml-file';
import { diagnosticAt } from './located';

/**
 * Checks every `{{...}}` in a file's values: malformed references and unset environment variables
 * are errors; secrets that no source has are warnings, so `validate` runs in CI without secrets.
 */
export function checkStringReferences(
  parsed: ParsedYamlFile,
  data: unknown,
  ctx: InterpolationContext,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Most files have no references at all; one native scan spares walking every value with its path.
  if (!JSON.stringify(data).includes('{{')) return out;
  for (const [text, path] of stringsWithPaths(data)) {
    if (!text.includes('{{')) continue;
    try {
      for (const ref of parseTemplate(text)) {
        if (ref.namespace === 'env' && ctx.env[ref.name] === undefined) {
          out.push(
            diagnosticAt(
              parsed,
              path,
              'error',
              'unset-env',
              `${ref.raw}: the environment variable ${ref.name} is not set`,
            ),
          );
        } else if ((ref.namespace === 'workspace' || ref.namespace === 'infra') && ref.name !== 'name') {
          out.push(
            diagnosticAt(
              parsed,
              path,
              'error',
              'bad-reference',
              `${ref.raw}: only {{${ref.namespace}.name}} is defined`,
            ),
          );
        } else if (ref.namespace === 'infra' && !ctx.infra) {
          out.push(
            diagnosticAt(parsed, path, 'error', 'bad-reference', `${ref.raw} only works in infra files`),
          );
        } else if (ref.namespace === 'secret' && ctx.secrets && !safeHasSecret(ctx, ref.name)) {
          out.push(
            diagnosticAt(
              parsed,
              path,
              'warning',
              'missing-secret',
              `${ref.raw}: no secret named ${ref.name} (set ${'PROVISIONING_SECRET_'}${ref.name} or add it to a secrets file)`,
            ),
          );
        }
      }
    } catch (error) {
      if (!(error instanceof InterpolationError)) throw error;
      out.push(diagnosticAt(parsed, path, 'error', 'bad-reference', error.message));
    }
  }
  return out;
}

function safeHasSecret(ctx: InterpolationContext, name: string): boolean {
  // A secrets file with bad permissions is reported once by the caller; here it just means "not found".
  try {
    return ctx.secrets?.get(name) !== undefined;
  } catch {
    return false;
  }
}

import type { Diagnostic } from '../diagnostics/diagnostic';
import { InterpolationError } from '../errors';
import {
  expandPublicReferences,
  type InterpolationContext,
  parseTemplate,
} from '../interpolation/interpolate';
import type { ValueOrigin } from '../layers/merge-layers';
import { type Settings, settingSchema } from '../schema/settings';

/** Settings that hold a secret reference, resolved only when a connection needs it. */
const SECRET_REFERENCE_KEYS = new Set(['ssh.password', 'ssh.sudo_password']);

/**
 * The settings with `{{env.*}}`, `{{workspace.name}}` and `{{infra.name}}` expanded in every
 * string value (ssh.user, ssh.key, ssh.known_hosts, state.path), each expanded value checked
 * against its key's schema again, so `state.path: "{{env.X}}/../.."` cannot leave the workspace.
 * A secret is refused there: these values are printed by `config show` and in errors.
 */
export function expandSettingTemplates(
  settings: Settings,
  origins: Record<string, ValueOrigin>,
  ctx: InterpolationContext,
): { settings: Settings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const expanded = Object.fromEntries(
    Object.entries(settings).map(([section, values]) => [section, { ...values }]),
  ) as Record<string, Record<string, unknown>>;
  for (const [section, values] of Object.entries(expanded)) {
    for (const [key, value] of Object.entries(values)) {
      const dotted = `${section}.${key}`;
      if (typeof value !== 'string' || !value.includes('{{') || SECRET_REFERENCE_KEYS.has(dotted)) continue;
      const problem = (message: string) => diagnostics.push(diagnosticAt(origins[dotted], dotted, message));
      try {
        const secret = parseTemplate(value).find((ref) => ref.namespace === 'secret');
        if (secret) {
          problem(
            `${secret.raw} cannot be used in ${dotted}: settings are shown by config show and in errors; use {{env.NAME}}`,
          );
          continue;
        }
        // unresolvable references stay as written: expandPublicReferences never throws
        const result = expandPublicReferences(value, ctx) as string;
        const unresolved = parseTemplate(result)[0];
        if (unresolved) {
          problem(
            `${unresolved.raw}: ${unresolved.namespace === 'env' ? `the environment variable ${unresolved.name} is not set` : 'cannot be resolved here'}`,
          );
          continue;
        }
        const checked = settingSchema(dotted)?.safeParse(result);
        if (checked && !checked.success) {
          problem(
            `expected ${checked.error.issues[0]?.message ?? 'a valid value'}, got ${JSON.stringify(result)} (from ${value})`,
          );
          continue;
        }
        values[key] = result;
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        problem(error.message);
      }
    }
  }
  return { settings: expanded as Settings, diagnostics };
}

function diagnosticAt(origin: ValueOrigin | undefined, path: string, message: string): Diagnostic {
  const source = origin?.source ?? origin?.layer ?? 'settings';
  const located = /^(.*):(\d+):(\d+)$/.exec(source);
  return {
    file: located ? located[1] : source,
    line: located ? Number(located[2]) : 0,
    col: located ? Number(located[3]) : 0,
    severity: 'error',
    path,
    message,
    code: 'invalid-setting-reference',
  };
}

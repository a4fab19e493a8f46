import type { Diagnostic } from '../diagnostics/diagnostic';
import {
  expandPublicReferences,
  type InterpolationContext,
  parseTemplate,
} from '../interpolation/interpolate';
import { connectionFieldProblem } from '../schema/connection-fields';
import type { ServerSpec } from '../schema/infra-file';
import { diagnosticAt, type Located } from './located';

/** Server fields where `{{env.*}}`, `{{workspace.name}}` and `{{infra.name}}` are expanded at load. */
const EXPANDED_FIELDS = ['address', 'user', 'ssh_key', 'jump_host'] as const;

/**
 * The server with its connection fields expanded, each expanded value checked like a literal one
 * (so `user: "{{env.U}}"` with U=-oProxyCommand=... is refused too). A secret in these fields is
 * refused: they appear in plans, events and errors, which would print it. Unset variables and
 * malformed references are reported by checkStringReferences; such a field is left as written.
 */
export function expandServerFields(
  server: Located<ServerSpec>,
  ctx: InterpolationContext,
  out: Diagnostic[],
): ServerSpec {
  const expanded: ServerSpec = { ...server.value };
  for (const field of EXPANDED_FIELDS) {
    const raw = server.value[field];
    if (raw === undefined || !raw.includes('{{')) continue;
    const path = [...server.path, field];
    let references;
    try {
      references = parseTemplate(raw);
    } catch {
      continue;
    }
    const secret = references.find((ref) => ref.namespace === 'secret');
    if (secret) {
      out.push(
        diagnosticAt(
          server.parsed,
          path,
          'error',
          'secret-not-allowed',
          `${secret.raw} cannot be used in ${field}: it is shown in plans and errors; write the value, or use {{env.NAME}}`,
        ),
      );
      continue;
    }
    const value = expandPublicReferences(raw, ctx) as string;
    if (value.includes('{{')) continue;
    const problem = field === 'ssh_key' ? undefined : connectionFieldProblem(field, value);
    if (problem) {
      out.push(
        diagnosticAt(
          server.parsed,
          path,
          'error',
          'invalid-expanded-value',
          `expected ${problem}, got ${JSON.stringify(value)} (from ${raw})`,
        ),
      );
      continue;
    }
    expanded[field] = value;
  }
  return expanded;
}

import { InterpolationError } from '../errors';
import { Secret } from '../secrets/secret';
import type { SecretStore } from '../secrets/secrets-store';

/** What `{{env.X}}`, `{{workspace.name}}`, `{{infra.name}}` and `{{secret.X}}` resolve against. */
export interface InterpolationContext {
  env: NodeJS.ProcessEnv;
  workspace: { name: string };
  infra?: { name: string };
  secrets?: SecretStore;
}

export interface TemplateReference {
  /** The text as written, e.g. `{{ env.HOME }}`. */
  raw: string;
  namespace: string;
  name: string;
}

const TEMPLATE = /\{\{(.*?)\}\}/g;
const REFERENCE = /^\s*(env|workspace|infra|secret)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** The references inside a string; throws InterpolationError for a malformed `{{...}}`. */
export function parseTemplate(text: string): TemplateReference[] {
  if (!text.includes('{{')) return [];
  const references: TemplateReference[] = [];
  for (const match of text.matchAll(TEMPLATE)) {
    const parsed = REFERENCE.exec(match[1]);
    if (!parsed) {
      throw new InterpolationError(
        `${match[0]} is not a reference Provisioning understands; use {{env.NAME}}, {{workspace.name}}, {{infra.name}} or {{secret.NAME}}`,
      );
    }
    references.push({ raw: match[0], namespace: parsed[1], name: parsed[2] });
  }
  const unclosed = text.replace(TEMPLATE, '').includes('{{');
  if (unclosed) throw new InterpolationError(`"{{" without a closing "}}" in ${JSON.stringify(text)}`);
  return references;
}

function resolveReference(ref: TemplateReference, ctx: InterpolationContext): string | Secret {
  switch (ref.namespace) {
    case 'env': {
      const value = ctx.env[ref.name];
      if (value === undefined) {
        throw new InterpolationError(
          `${ref.raw}: the environment variable ${ref.name} is not set; export it or remove the reference`,
        );
      }
      return value;
    }
    case 'workspace':
    case 'infra': {
      const target = ref.namespace === 'workspace' ? ctx.workspace : ctx.infra;
      if (ref.name !== 'name')
        throw new InterpolationError(`${ref.raw}: only {{${ref.namespace}.name}} is defined`);
      if (!target)
        throw new InterpolationError(`${ref.raw}: there is no infra here (it only works in infra files)`);
      return target.name;
    }
    default: {
      const secret = ctx.secrets?.get(ref.name);
      if (!secret) {
        const where = ctx.secrets ? ctx.secrets.sources.join(', ') : 'no secret store was given';
        throw new InterpolationError(`${ref.raw}: no secret named ${ref.name} (looked in ${where})`);
      }
      return secret;
    }
  }
}

/**
 * Replaces every reference in a string. When any of them is a secret, the whole result is a Secret,
 * so `postgres://app:{{secret.DB_PASSWORD}}@db/app` never turns into a printable string.
 */
export function interpolateString(text: string, ctx: InterpolationContext): string | Secret {
  const references = parseTemplate(text);
  if (references.length === 0) return text;
  const embedded = new Map<string, Secret>();
  const resolved = references.map((ref) => {
    const value = resolveReference(ref, ctx);
    if (value instanceof Secret) embedded.set(ref.name, value);
    return value instanceof Secret ? value.reveal() : value;
  });
  let i = 0;
  const result = text.replace(TEMPLATE, () => resolved[i++]);
  if (embedded.size === 0) return result;
  return new Secret(result, references.map((r) => r.raw).join(''), embedded);
}

/** Interpolates every string inside a value (objects and arrays walked; other values kept). */
export function interpolateValue(value: unknown, ctx: InterpolationContext): unknown {
  if (typeof value === 'string') return interpolateString(value, ctx);
  if (Array.isArray(value)) return value.map((item) => interpolateValue(item, ctx));
  if (value !== null && typeof value === 'object' && !(value instanceof Secret)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateValue(v, ctx)]));
  }
  return value;
}

/** Every string inside a value with its path, for validation that reports where a bad reference is. */
export function* stringsWithPaths(
  value: unknown,
  path: (string | number)[] = [],
): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) yield* stringsWithPaths(value[i], [...path, i]);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* stringsWithPaths(item, [...path, key]);
  }
}

/**
 * Replaces the references that are safe and possible to resolve now (`env`, `workspace`, `infra`)
 * and leaves the rest as written: secrets stay `{{secret.NAME}}` and unresolvable references stay
 * as text (they are reported elsewhere). Validation uses this so a param like
 * `server_name: "{{infra.name}}.example.com"` is checked as the host name it will become.
 */
export function expandPublicReferences(value: unknown, ctx: InterpolationContext): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    return value.replace(TEMPLATE, (raw, inner: string) => {
      const parsed = REFERENCE.exec(inner);
      if (!parsed || parsed[1] === 'secret') return raw;
      try {
        const resolved = resolveReference({ raw, namespace: parsed[1], name: parsed[2] }, ctx);
        return typeof resolved === 'string' ? resolved : raw;
      } catch {
        return raw;
      }
    });
  }
  if (Array.isArray(value)) return value.map((item) => expandPublicReferences(item, ctx));
  if (value !== null && typeof value === 'object' && !(value instanceof Secret)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandPublicReferences(v, ctx)]));
  }
  return value;
}

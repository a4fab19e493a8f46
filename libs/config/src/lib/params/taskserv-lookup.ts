import type { z } from 'zod';
import type { TaskservLookup } from './taskserv-params';

/** The part of an sdk `TaskservDefinition` validation needs. */
export interface TaskservParamsSource {
  name: string;
  params: z.ZodType;
}

interface DefaultDef {
  type: string;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
}

function defOf(schema: z.ZodType): DefaultDef {
  return (schema as unknown as { _zod: { def: DefaultDef } })._zod.def;
}

/**
 * The top-level defaults a params object schema declares with `.default(...)`, so `config show
 * --origin` can name them as the extension layer (zod would apply them silently otherwise).
 */
export function defaultsOfParamsSchema(schema: z.ZodType): Record<string, unknown> {
  let def = defOf(schema);
  while (def.type !== 'object' && def.innerType) def = defOf(def.innerType);
  if (def.type !== 'object' || !def.shape) return {};
  const defaults: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(def.shape)) {
    const fieldDef = defOf(field);
    if (fieldDef.type === 'default') defaults[key] = structuredClone(fieldDef.defaultValue);
  }
  return defaults;
}

/** A TaskservLookup over taskserv definitions (e.g. the sdk's `defineTaskserv` results). */
export function taskservLookupFrom(definitions: Iterable<TaskservParamsSource>): TaskservLookup {
  const byName = new Map<string, TaskservParamsSource>();
  for (const definition of definitions) byName.set(definition.name, definition);
  return (name) => {
    const definition = byName.get(name);
    return definition
      ? { paramsSchema: definition.params, defaults: defaultsOfParamsSchema(definition.params) }
      : undefined;
  };
}

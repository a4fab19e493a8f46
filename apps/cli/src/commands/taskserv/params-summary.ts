import { z } from 'zod';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
}

/** One top-level param of a taskserv, as `taskserv list` shows it. */
export interface ParamInfo {
  name: string;
  /** `string`, `number`, `string[]`, `"a"|"b"`, `object`... */
  type: string;
  /** Must be given in the infra: no default and not optional. */
  required: boolean;
  default?: unknown;
}

/** The top-level params of a taskserv's schema, required ones first (the full schema is its README). */
export function describeParams(params: z.ZodType): ParamInfo[] {
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return [];
  }
  const required = new Set(schema.required ?? []);
  const infos = Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeName(property),
    required: required.has(name),
    ...(property.default !== undefined ? { default: property.default } : {}),
  }));
  return [...infos.filter((info) => info.required), ...infos.filter((info) => !info.required)];
}

/** `dir, text?, mode?`: the names, `?` marking those the infra may leave out. */
export function paramsSummary(params: ParamInfo[]): string {
  return params.map((param) => `${param.name}${param.required ? '' : '?'}`).join(', ') || '-';
}

function typeName(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join('|');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf) return schema.anyOf.map(typeName).join('|');
  if (schema.type === 'array') return `${schema.items ? typeName(schema.items) : 'any'}[]`;
  if (schema.type === 'integer') return 'number';
  if (Array.isArray(schema.type)) return schema.type.join('|');
  return schema.type ?? 'any';
}

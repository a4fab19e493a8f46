import { z } from 'zod';

/**
 * The subset of JSON Schema a task service's `params` may use. It is deliberately small: the CLI
 * renders prompts, docs and validation from it, so every keyword here has to be understood there.
 */
const scalarTypes = ['string', 'number', 'integer', 'boolean'] as const;

export interface ParamSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  description?: string;
  default?: unknown;
  enum?: unknown[];
  items?: ParamSchema;
  properties?: Record<string, ParamSchema>;
  required?: string[];
  additionalProperties?: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

function matchesType(value: unknown, type: ParamSchema['type']): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

export const paramSchema: z.ZodType<ParamSchema> = z.lazy(() =>
  z
    .strictObject({
      type: z.enum([...scalarTypes, 'array', 'object']),
      description: z.string().optional(),
      default: z.unknown().optional(),
      enum: z.array(z.unknown()).min(1).optional(),
      items: paramSchema.optional(),
      properties: z.record(z.string(), paramSchema).optional(),
      required: z.array(z.string()).optional(),
      additionalProperties: z.boolean().optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      pattern: z.string().refine(isValidRegExp, 'pattern is not a valid regular expression').optional(),
    })
    .superRefine((schema, ctx) => {
      if (schema.default !== undefined && !matchesType(schema.default, schema.type)) {
        ctx.addIssue({ code: 'custom', path: ['default'], message: `default does not match type "${schema.type}"` });
      }
      for (const [index, value] of (schema.enum ?? []).entries()) {
        if (!matchesType(value, schema.type)) {
          ctx.addIssue({ code: 'custom', path: ['enum', index], message: `enum value does not match type "${schema.type}"` });
        }
      }
      if (schema.type === 'array' && !schema.items) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'an array parameter needs "items"' });
      }
      if (schema.type !== 'object' && (schema.properties || schema.required)) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: '"properties" and "required" need type "object"' });
      }
      for (const [index, key] of (schema.required ?? []).entries()) {
        if (!schema.properties || !(key in schema.properties)) {
          ctx.addIssue({ code: 'custom', path: ['required', index], message: `required "${key}" is not among the properties` });
        }
      }
    }),
);

/** A manifest's `params`: always an object schema, so parameters are named. */
export const paramsSchema = paramSchema.refine((schema) => schema.type === 'object', {
  message: 'params must be a JSON Schema with type "object"',
  path: ['type'],
});

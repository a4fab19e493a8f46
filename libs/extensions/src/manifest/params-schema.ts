import { z } from 'zod';

/**
 * The JSON Schema keywords a `params` schema may use: what `z.toJSONSchema` emits for ordinary zod
 * params, checked for well-formedness. Unknown keywords are rejected so a typo (`requried`) is an
 * error rather than a silently ignored constraint.
 */
const scalarTypes = ['string', 'number', 'integer', 'boolean'] as const;

export interface ParamSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
  description?: string;
  default?: unknown;
  enum?: unknown[];
  items?: ParamSchema;
  properties?: Record<string, ParamSchema>;
  required?: string[];
  additionalProperties?: boolean | ParamSchema;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  [keyword: string]: unknown;
}

function matchesType(value: unknown, type: ParamSchema['type']): boolean {
  switch (type) {
    case undefined:
      return true;
    case 'null':
      return value === null;
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
      $schema: z.string().optional(),
      type: z.enum([...scalarTypes, 'array', 'object', 'null']).optional(),
      title: z.string().optional(),
      description: z.string().optional(),
      default: z.unknown().optional(),
      enum: z.array(z.unknown()).min(1).optional(),
      items: paramSchema.optional(),
      properties: z.record(z.string(), paramSchema).optional(),
      required: z.array(z.string()).optional(),
      additionalProperties: z.union([z.boolean(), paramSchema]).optional(),
      propertyNames: paramSchema.optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      exclusiveMinimum: z.number().optional(),
      exclusiveMaximum: z.number().optional(),
      multipleOf: z.number().positive().optional(),
      minLength: z.number().int().nonnegative().optional(),
      maxLength: z.number().int().nonnegative().optional(),
      minItems: z.number().int().nonnegative().optional(),
      maxItems: z.number().int().nonnegative().optional(),
      uniqueItems: z.boolean().optional(),
      format: z.string().optional(),
      const: z.unknown().optional(),
      anyOf: z.array(paramSchema).min(1).optional(),
      oneOf: z.array(paramSchema).min(1).optional(),
      allOf: z.array(paramSchema).min(1).optional(),
      examples: z.array(z.unknown()).optional(),
      deprecated: z.boolean().optional(),
      readOnly: z.boolean().optional(),
      pattern: z.string().refine(isValidRegExp, 'pattern is not a valid regular expression').optional(),
    })
    .superRefine((schema, ctx) => {
      if (schema.default !== undefined && !matchesType(schema.default, schema.type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['default'],
          message: `default does not match type "${schema.type}"`,
        });
      }
      for (const [index, value] of (schema.enum ?? []).entries()) {
        if (!matchesType(value, schema.type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['enum', index],
            message: `enum value does not match type "${schema.type}"`,
          });
        }
      }
      if (
        !schema.type &&
        !schema.anyOf &&
        !schema.oneOf &&
        !schema.allOf &&
        schema.const === undefined &&
        !schema.enum
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: 'say what the value is: "type" (or anyOf/oneOf/allOf/const/enum)',
        });
      }
      if (schema.type === 'array' && !schema.items) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'an array parameter needs "items"' });
      }
      if (schema.type !== undefined && schema.type !== 'object' && (schema.properties || schema.required)) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: '"properties" and "required" need type "object"',
        });
      }
      for (const [index, key] of (schema.required ?? []).entries()) {
        if (!schema.properties || !(key in schema.properties)) {
          ctx.addIssue({
            code: 'custom',
            path: ['required', index],
            message: `required "${key}" is not among the properties`,
          });
        }
      }
    }),
);

/** A manifest's `params`: always an object schema, so parameters are named. */
export const paramsSchema = paramSchema.refine((schema) => schema.type === 'object', {
  message: 'params must be a JSON Schema with type "object"',
  path: ['type'],
});

import { validRange } from 'semver';
import { z } from 'zod';

/**
 * Custom zod messages in this library are "expected" phrases ("a number from 1 to 65535"); the
 * diagnostic formatter turns them into `expected <phrase>, got <value>`.
 */
export const NAME_PHRASE = "a name of letters, digits, '.', '_' or '-', starting with a letter or digit";
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Names of servers, taskservs, clusters, infras and roles: safe in paths, shells and host names. */
export const nameSchema = z.string({ error: NAME_PHRASE }).regex(NAME_PATTERN, { error: NAME_PHRASE });

export const PORT_PHRASE = 'a number from 1 to 65535';
export const portSchema = z
  .number({ error: PORT_PHRASE })
  .int({ error: PORT_PHRASE })
  .min(1, { error: PORT_PHRASE })
  .max(65535, { error: PORT_PHRASE });

export const LABEL_VALUE_PHRASE = 'a string label value (quote numbers and booleans: "1", "true")';
export const labelsSchema = z.record(nameSchema, z.string({ error: LABEL_VALUE_PHRASE }), {
  error: 'a mapping of label names to values, e.g. { role: web }',
});

/** A label selector: every label listed must match (AND), as in Kubernetes `matchLabels`. */
export const selectorSchema = labelsSchema;

export const nameListSchema = z.array(nameSchema, { error: 'a list of names' });

export const VERSION_RANGE_PHRASE = 'a semver range such as "^7.2.0", "~1.4" or ">=1.0.0 <2.0.0"';
export const versionRangeSchema = z
  .string({ error: VERSION_RANGE_PHRASE })
  .refine((value) => validRange(value) !== null, { error: VERSION_RANGE_PHRASE });

/** Free-form parameters; each taskserv validates its own with its params schema. */
export const paramsSchema = z.record(z.string(), z.unknown(), {
  error: 'a mapping of parameter names to values',
});

export function positiveInt(phrase: string, max: number): z.ZodNumber {
  return z
    .number({ error: phrase })
    .int({ error: phrase })
    .min(1, { error: phrase })
    .max(max, { error: phrase });
}

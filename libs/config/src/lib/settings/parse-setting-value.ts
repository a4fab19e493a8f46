import { closestMatch } from '../diagnostics/did-you-mean';
import { InvalidSettingValueError, UnknownSettingError } from '../errors';
import { settingKeys, settingSchema } from '../schema/settings';
import { describeValue } from '../validate/zod-diagnostics';

/** The schema of a dotted setting key, or an UnknownSettingError that suggests the closest key. */
export function requireSettingSchema(key: string): NonNullable<ReturnType<typeof settingSchema>> {
  const schema = settingSchema(key);
  if (schema) return schema;
  const suggestion = closestMatch(key, settingKeys());
  throw new UnknownSettingError(
    `there is no setting "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''} ` +
      `(settings: ${settingKeys().join(', ')})`,
  );
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
  '1': true,
  '0': false,
};

/**
 * Reads a setting given as text (environment variable, `config set`, a flag) as the type its schema
 * wants: the text itself first, so `ssh.user=22` stays a string, then a number, then a boolean.
 */
export function parseSettingValue(key: string, text: string): unknown {
  const schema = requireSettingSchema(key);
  const candidates: unknown[] = [text];
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) candidates.push(Number(text));
  const lower = text.trim().toLowerCase();
  if (Object.hasOwn(BOOLEAN_WORDS, lower)) candidates.push(BOOLEAN_WORDS[lower]);
  for (const candidate of candidates) if (schema.safeParse(candidate).success) return candidate;
  const issue = schema.safeParse(candidates[candidates.length - 1]).error?.issues[0];
  if (issue?.message.includes(' is not supported yet')) throw new InvalidSettingValueError(issue.message);
  const phrase = issue && !/^Invalid/.test(issue.message) ? issue.message : 'a valid value';
  throw new InvalidSettingValueError(`${key}: expected ${phrase}, got ${describeValue(text)}`);
}

/** Throws an UnknownSettingError (with the closest key) unless `key` names a setting. */
export function assertSettingKey(key: string): void {
  requireSettingSchema(key);
}

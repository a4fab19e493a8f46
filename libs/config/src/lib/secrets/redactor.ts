import { isSecret, REDACTED, type Secret } from './secret';

/** Replaces every occurrence of the known secret values in text with `***`. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor for the given secrets (Secret objects or raw strings). Longer values are
 * replaced first so a secret that contains another is masked whole. Values shorter than 3
 * characters are ignored: masking every "a" would make output unreadable and protect nothing.
 */
export function createRedactor(secrets: Iterable<Secret | string>): Redactor {
  const values = [...new Set([...secrets].map((s) => (isSecret(s) ? s.reveal() : s)))]
    .filter((v) => v.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const pattern = new RegExp(values.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every Secret inside a value (objects and arrays walked), e.g. to build a redactor for a run. */
export function collectSecrets(value: unknown, found: Secret[] = []): Secret[] {
  if (isSecret(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectSecrets(item, found);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectSecrets(item, found);
  return found;
}

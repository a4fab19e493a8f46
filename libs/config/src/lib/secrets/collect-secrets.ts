import { isSecret, type Secret } from './secret';

/** Every Secret inside a value (objects and arrays walked), e.g. to build a redactor for a run. */
export function collectSecrets(value: unknown, found: Secret[] = []): Secret[] {
  if (isSecret(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectSecrets(item, found);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) collectSecrets(item, found);
  return found;
}

/**
 * The plain values to mask for these secrets: each secret's own value and every secret embedded in
 * it, for the sdk's `Redactor` (the one masking implementation).
 */
export function secretValues(secrets: Iterable<Secret | string>): string[] {
  return [...secrets].flatMap((s) => (isSecret(s) ? s.revealAll() : [s]));
}

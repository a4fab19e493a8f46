import { Redactor as SecretsRedactor } from '@provisioning/sdk';
import { isSecret, type Secret } from './secret';

/** Replaces every occurrence of the known secret values in text with `***`. */
export type Redactor = (text: string) => string;

/** A redactor for the given secrets (Secret objects or raw strings), masking as the sdk's `redact` does. */
export function createRedactor(secrets: Iterable<Secret | string>): Redactor {
  const redactor = new SecretsRedactor([...secrets].flatMap((s) => (isSecret(s) ? s.revealAll() : [s])));
  return (text) => redactor.redact(text);
}

/** Every Secret inside a value (objects and arrays walked), e.g. to build a redactor for a run. */
export function collectSecrets(value: unknown, found: Secret[] = []): Secret[] {
  if (isSecret(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectSecrets(item, found);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) collectSecrets(item, found);
  return found;
}

/**
 * Masks secret values in any text that leaves the engine: diffs, errors, events, logs.
 * Longer secrets are replaced first so a secret that contains another is masked whole.
 */
export const REDACTED = '***';

export function redact(text: string, secrets: readonly string[] = []): string {
  const values = [...new Set(secrets.filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length);
  let result = text;
  for (const value of values) result = result.split(value).join(REDACTED);
  return result;
}

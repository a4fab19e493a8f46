/** Placeholder every secret is replaced with in errors, events and collected output. */
export const REDACTED = '***';

/**
 * Masks known secret values in text. Longer secrets are replaced first so a secret that contains
 * another is masked whole. Values shorter than 3 characters are ignored: masking "a" would mangle
 * every line while protecting nothing.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string> = []) {
    this.secrets = normalise(secrets);
  }

  /** A redactor that also masks `more` (for one command's own secrets on top of the pool's). */
  with(more: Iterable<string> | undefined): Redactor {
    if (!more) return this;
    return new Redactor([...this.secrets, ...more]);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join(REDACTED);
    return result;
  }
}

function normalise(secrets: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const secret of secrets) if (secret.length >= 3) unique.add(secret);
  return [...unique].sort((a, b) => b.length - a.length);
}

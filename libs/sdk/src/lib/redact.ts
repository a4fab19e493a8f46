/**
 * The one way secret values are masked in text that leaves a run: diffs, errors, events, logs,
 * collected output. Longer secrets are replaced first, so a secret that contains another is masked
 * whole. Values shorter than 3 characters are not masked: replacing every "a" would make all output
 * unreadable and protect nothing a real secret needs.
 */
export const REDACTED = '***';

const MIN_SECRET_LENGTH = 3;

export class Redactor {
  private readonly secrets: readonly string[];

  constructor(secrets: Iterable<string> = []) {
    const unique = new Set<string>();
    for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) unique.add(secret);
    this.secrets = [...unique].sort((a, b) => b.length - a.length);
  }

  /** A redactor that also masks `more` (for one command's own secrets on top of a run's). */
  with(more: Iterable<string> | undefined): Redactor {
    return more ? new Redactor([...this.secrets, ...more]) : this;
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join(REDACTED);
    return result;
  }
}

export function redact(text: string, secrets: Iterable<string> = []): string {
  return new Redactor(secrets).redact(text);
}

/**
 * The one way secret values are masked in text that leaves a run: diffs, errors, events, logs,
 * collected output. Masking is keyed on the secret's value, never on where it came from: every
 * occurrence in any string is replaced, and so are the forms a value commonly takes on its way
 * into a command or a file (URL-encoded, JSON-escaped, base64 and base64url, the latter at each of
 * the three byte alignments so a secret inside a larger encoded blob such as `user:pass` in an
 * `Authorization: Basic` header is masked too). Longer forms are replaced first, so a secret that
 * contains another is masked whole. Values shorter than 3 characters are not masked: replacing
 * every "a" would make all output unreadable and protect nothing a real secret needs.
 */
export const REDACTED = '***';

const MIN_SECRET_LENGTH = 3;
/** Base64 fragments shorter than this would mask innocent text too often. */
const MIN_ENCODED_FRAGMENT = 6;

export class Redactor {
  private readonly secrets: readonly string[];
  private readonly forms: readonly string[];

  constructor(secrets: Iterable<string> = []) {
    const unique = new Set<string>();
    for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) unique.add(secret);
    this.secrets = [...unique];
    const forms = new Set<string>();
    for (const secret of unique) for (const form of encodedForms(secret)) forms.add(form);
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /** A redactor that also masks `more` (for one command's own secrets on top of a run's). */
  with(more: Iterable<string> | undefined): Redactor {
    return more ? new Redactor([...this.secrets, ...more]) : this;
  }

  redact(text: string): string {
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result;
  }
}

export function redact(text: string, secrets: Iterable<string> = []): string {
  return new Redactor(secrets).redact(text);
}

/** The secret and the encodings it is likely to appear in. */
function encodedForms(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
  ];
  forms.push(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset++) {
    const fragment = base64Fragment(bytes, offset);
    if (offset === 0 || fragment.length >= MIN_ENCODED_FRAGMENT) forms.push(fragment, toBase64Url(fragment));
  }
  return forms.filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * The base64 characters that depend on the secret's bytes alone when it starts `offset` bytes
 * (mod 3) into the encoded data: characters shared with neighbouring bytes are left out.
 */
function base64Fragment(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const first = Math.ceil((offset * 8) / 6);
  const last = Math.floor(((offset + bytes.length) * 8) / 6);
  return encoded.slice(first, last);
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}

import { readFile } from 'node:fs/promises';

/** Produces a secret on demand (a vault lookup, a prompt, an environment read). */
export type SecretProvider = () => string | Promise<string>;

/**
 * Where a password or passphrase comes from. Never a bare string in an inventory: a plain string
 * would end up in files, diffs and logs. `{ value }` is for programmatic callers that already hold
 * the secret (it is masked like every other secret).
 */
export type SecretSource = SecretProvider | { env: string } | { file: string } | { value: string };

export function isSecret(value: unknown): value is SecretSource {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const [key] = keys;
  return (
    (key === 'env' || key === 'file' || key === 'value') &&
    typeof (value as Record<string, unknown>)[key] === 'string'
  );
}

export class SecretUnavailableError extends Error {
  override name = 'SecretUnavailableError';
}

/** Reads the secret; a file secret loses one trailing newline (as `echo pw > file` writes it). */
export async function resolveSecret(secret: SecretSource, purpose: string): Promise<string> {
  if (typeof secret === 'function') return secret();
  if ('value' in secret) return secret.value;
  if ('env' in secret) {
    const value = process.env[secret.env];
    if (value === undefined) {
      throw new SecretUnavailableError(
        `${purpose}: environment variable ${secret.env} is not set; export it before the run`,
      );
    }
    return value;
  }
  try {
    return (await readFile(secret.file, 'utf8')).replace(/\r?\n$/, '');
  } catch (error) {
    throw new SecretUnavailableError(
      `${purpose}: cannot read secret file ${secret.file} (${(error as Error).message})`,
      { cause: error },
    );
  }
}

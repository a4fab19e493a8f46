import { type Stats, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../diagnostics/diagnostic';
import { SecretsFileError } from '../errors';
import { secretsFileSchema } from '../schema/user-files';
import { validateWithSchema } from '../validate/zod-diagnostics';
import { readYamlFile } from '../yaml/read-yaml-file';
import { Secret } from './secret';

export const SECRET_ENV_PREFIX = 'PROVISIONING_SECRET_';

/** Looks a secret up by name; undefined when no source has it. */
export interface SecretStore {
  get(name: string): Secret | undefined;
  /** Where a secret may come from, for "not found" messages (never values). */
  readonly sources: readonly string[];
}

/** The secrets files in precedence order (first wins): the workspace's, then the user's. */
export function defaultSecretsFiles(workspaceRoot: string | undefined, env: NodeJS.ProcessEnv): string[] {
  const files: string[] = [];
  if (workspaceRoot) files.push(join(workspaceRoot, '.provisioning', 'secrets.yaml'));
  files.push(join(userConfigDir(env), 'secrets.yaml'));
  return files;
}

/** `$XDG_CONFIG_HOME/provisioning`, or `~/.config/provisioning`. */
export function userConfigDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? '/', '.config');
  return join(base, 'provisioning');
}

interface SecretsFileRead {
  values?: Map<string, string>;
  diagnostics: Diagnostic[];
}

function fileProblem(file: string, message: string, code: string): Diagnostic {
  return { file, line: 0, col: 0, severity: 'error', path: '', message, code };
}

function readSecretsFile(path: string, display = path): SecretsFileRead {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return { diagnostics: [] };
  }
  // a FIFO or device is refused by readYamlFile without being opened; its mode is beside the point
  if (!stats.isFile()) {
    const refused = readYamlFile(path, display);
    return { diagnostics: refused.ok ? [] : refused.diagnostics };
  }
  const mode = stats.mode;
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    const message = `can be read by other users (mode ${octal}); secrets files must be private: run \`chmod 600 ${path}\``;
    return { diagnostics: [fileProblem(display, message, 'secrets-file-mode')] };
  }
  const read = readYamlFile(path, display);
  if (!read.ok) return { diagnostics: read.diagnostics };
  if (read.parsed.data === null) return { values: new Map(), diagnostics: [] };
  const checked = validateWithSchema(secretsFileSchema, read.parsed.data, {
    parsed: read.parsed,
    redactValues: true,
  });
  if (!checked.ok) return { diagnostics: checked.diagnostics };
  return { values: new Map(Object.entries(checked.value)), diagnostics: [] };
}

function loadSecretsFile(path: string): Map<string, string> | undefined {
  const read = readSecretsFile(path);
  if (read.diagnostics.length > 0) {
    throw new SecretsFileError(
      read.diagnostics.map((d) => (d.line > 0 ? formatDiagnostic(d) : `${d.file} ${d.message}`)).join('\n'),
    );
  }
  return read.values;
}

/** Problems with the secrets files (readable by others, malformed), for `validate` and `doctor`. Never includes values. */
export function checkSecretsFiles(files: readonly string[], workspaceRoot?: string): Diagnostic[] {
  const display = (file: string) =>
    workspaceRoot && file.startsWith(`${workspaceRoot}/`) ? relative(workspaceRoot, file) : file;
  return files.flatMap((file) => readSecretsFile(file, display(file)).diagnostics);
}

/**
 * Secrets from `PROVISIONING_SECRET_<NAME>` (highest) and the given files, in order. Files are read
 * once, on first use, so commands that need no secret never touch them; a file readable by others
 * is refused with a SecretsFileError rather than silently used.
 */
export function createSecretStore(options: {
  env: NodeJS.ProcessEnv;
  files: readonly string[];
}): SecretStore {
  let fileValues: Map<string, string>[] | undefined;
  const load = () => (fileValues ??= options.files.flatMap((file) => loadSecretsFile(file) ?? []));
  return {
    sources: [`${SECRET_ENV_PREFIX}<NAME> environment variables`, ...options.files],
    get(name) {
      const fromEnv = options.env[`${SECRET_ENV_PREFIX}${name}`];
      if (fromEnv !== undefined) return new Secret(fromEnv, `secret.${name}`);
      for (const values of load()) {
        const value = values.get(name);
        if (value !== undefined) return new Secret(value, `secret.${name}`);
      }
      return undefined;
    },
  };
}

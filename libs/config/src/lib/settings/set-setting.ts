import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Document, isScalar } from 'yaml';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import { ConfigWriteError, InvalidSettingValueError } from '../errors';
import { withoutExtensionKeys } from '../schema/extension-keys';
import { validateWithSchema } from '../validate/zod-diagnostics';
import { parseYamlSource, readTextFile } from '../yaml/read-yaml-file';
import { writeFileAtomic } from './atomic-write';
import { CONFIG_FILE_SCHEMAS, type ConfigFileKind } from './config-file-kind';
import { parseSettingValue } from './parse-setting-value';

export interface SetSettingOptions {
  /** The file to change: the user config or provisioning.yaml. */
  file: string;
  kind: ConfigFileKind;
  /** Dotted setting key, e.g. `ssh.user`. */
  key: string;
  /** The value as typed; it is read as the type the setting wants (see parseSettingValue). */
  value: string;
  /** Shown in messages instead of the absolute path. */
  displayPath?: string;
}

/**
 * Sets `settings.<section>.<key>` in a YAML file, keeping its comments and layout (yaml Document
 * API). The whole changed file is validated before anything is written, and the write is atomic,
 * so a bad value leaves the file exactly as it was. The user config file is created when missing.
 */
/** `settings:` or `ssh:` written with no value is null, and setIn cannot descend through null. */
function replaceEmptyParents(doc: Document, path: string[]): void {
  for (let length = 1; length < path.length; length++) {
    const node = doc.getIn(path.slice(0, length), true);
    if (!isScalar(node) || (node.value !== null && node.value !== undefined)) continue;
    const map = doc.createNode({});
    // Keep a comment written after the empty key (`ssh: # to do`) as the first line of the section.
    if (node.comment) map.commentBefore = node.comment;
    doc.setIn(path.slice(0, length), map);
  }
}

export function setSetting(options: SetSettingOptions): { previous: unknown; value: unknown } {
  const value = parseSettingValue(options.key, options.value);
  const display = options.displayPath ?? options.file;
  const exists = existsSync(options.file);
  if (!exists && options.kind === 'workspace') {
    throw new ConfigWriteError(`${display} does not exist; run \`provisioning workspace init\` first`);
  }
  const source = exists ? readTextFile(options.file, display) : '';
  if (typeof source !== 'string') throw new ConfigWriteError(formatDiagnostic(source));
  const read = parseYamlSource(source, options.file, display);
  if (!read.ok) {
    throw new ConfigWriteError(
      `${display} cannot be changed while it has errors; fix them first:\n${read.diagnostics.map(formatDiagnostic).join('\n')}`,
    );
  }
  const doc = read.parsed.doc.contents === null ? new Document({}) : read.parsed.doc;
  const path = ['settings', ...options.key.split('.')];
  const previous = doc.getIn(path);
  replaceEmptyParents(doc, path);
  doc.setIn(path, value);
  const text = doc.toString();
  const changed = parseYamlSource(text, options.file, display);
  const checked = changed.ok
    ? validateWithSchema(CONFIG_FILE_SCHEMAS[options.kind], withoutExtensionKeys(changed.parsed.data), {
        parsed: changed.parsed,
      })
    : { ok: false as const, diagnostics: changed.diagnostics };
  if (!checked.ok) {
    throw new InvalidSettingValueError(
      `setting ${options.key} would leave ${display} invalid, so nothing was written:\n${checked.diagnostics.map(formatDiagnostic).join('\n')}`,
    );
  }
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileAtomic(options.file, text);
  return { previous, value };
}

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, sortDiagnostics } from '../diagnostics/diagnostic';
import { type Layer, mergeLayers, type ValueOrigin } from '../layers/merge-layers';
import { BUILTIN_SETTINGS, type Settings, settingsFileSchema } from '../schema/settings';
import { userConfigDir } from '../secrets/secrets-store';
import { validateWithSchema } from '../validate/zod-diagnostics';
import { WORKSPACE_FILE } from '../workspace/find-workspace-root';
import { INFRA_DIR } from '../workspace/read-workspace-files';
import { locate } from '../yaml/locate';
import { type ParsedYamlFile, readYamlFile } from '../yaml/read-yaml-file';
import { readEnvSettings } from './env-settings';
import { parseSettingValue } from './parse-setting-value';
import { expandSettingTemplates } from './setting-templates';

/**
 * The one precedence, lowest first. Each layer sets some keys; a higher layer wins key by key.
 *   default    built into Provisioning
 *   user       $XDG_CONFIG_HOME/provisioning/config.yaml `settings:`
 *   workspace  provisioning.yaml `settings:`
 *   infra      infra/<name>/*.yaml `settings:` (the infra being worked on)
 *   env        PROVISIONING_<SECTION>_<KEY>
 *   flag       command-line flags
 */
export const SETTINGS_LAYERS = ['default', 'user', 'workspace', 'infra', 'env', 'flag'] as const;
export type SettingsLayerName = (typeof SETTINGS_LAYERS)[number];

export interface ResolveSettingsOptions {
  /** The workspace root; without it only default, user, env and flag layers apply. */
  workspaceRoot?: string;
  /** The infra whose `settings:` override the workspace's. */
  infra?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags by dotted key, e.g. `{ 'run.parallelism': 4 }`; strings are parsed. */
  flags?: Record<string, unknown>;
  /** Overrides the user config path (default `$XDG_CONFIG_HOME/provisioning/config.yaml`). */
  userConfigFile?: string;
}

export interface ResolvedSettings {
  settings: Settings;
  /** `section.key` -> the layer that decided it and the exact place (`file:line:col`, `$VAR`, `--flag`). */
  origins: Record<string, ValueOrigin>;
  /** Problems found in any layer; a layer with errors in its settings is left out. */
  diagnostics: Diagnostic[];
}

export function userConfigFile(env: NodeJS.ProcessEnv): string {
  return join(userConfigDir(env), 'config.yaml');
}

function fileLayer(
  layer: SettingsLayerName,
  parsed: ParsedYamlFile,
  diagnostics: Diagnostic[],
): Layer | undefined {
  const data = parsed.data as Record<string, unknown> | null;
  const settings = data && typeof data === 'object' && !Array.isArray(data) ? data['settings'] : undefined;
  if (settings === undefined) return undefined;
  const checked = validateWithSchema(settingsFileSchema, settings, { parsed, basePath: ['settings'] });
  if (!checked.ok) {
    diagnostics.push(...checked.diagnostics);
    return undefined;
  }
  return {
    layer,
    values: checked.value,
    describe: (path) => {
      const { line, col } = locate(parsed, ['settings', ...path]);
      return `${parsed.file}:${line}:${col}`;
    },
  };
}

function readLayerFile(
  layer: SettingsLayerName,
  absolutePath: string,
  display: string,
  diagnostics: Diagnostic[],
  onRead?: (data: unknown) => void,
): Layer | undefined {
  if (!existsSync(absolutePath)) return undefined;
  const read = readYamlFile(absolutePath, display);
  if (!read.ok) {
    diagnostics.push(...read.diagnostics);
    return undefined;
  }
  onRead?.(read.parsed.data);
  return fileLayer(layer, read.parsed, diagnostics);
}

function infraLayers(root: string, infra: string, diagnostics: Diagnostic[]): Layer[] {
  const dir = join(root, INFRA_DIR, infra);
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  return files.flatMap(
    (file) => readLayerFile('infra', join(dir, file), `${INFRA_DIR}/${infra}/${file}`, diagnostics) ?? [],
  );
}

function flagLayer(flags: Record<string, unknown>, diagnostics: Diagnostic[]): Layer {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [key, raw] of Object.entries(flags)) {
    if (raw === undefined) continue;
    const [section, name] = key.split('.');
    try {
      (values[section] ??= {})[name] = typeof raw === 'string' ? parseSettingValue(key, raw) : raw;
    } catch (error) {
      diagnostics.push({
        file: `--${key}`,
        line: 0,
        col: 0,
        severity: 'error',
        path: key,
        message: (error as Error).message,
        code: 'invalid-setting',
      });
    }
  }
  return { layer: 'flag', values, describe: (path) => `--${path.join('.')}` };
}

/** The effective settings and the origin of every value, layer by layer (see SETTINGS_LAYERS). */
export function resolveSettings(options: ResolveSettingsOptions = {}): ResolvedSettings {
  const env = options.env ?? process.env;
  const diagnostics: Diagnostic[] = [];
  const layers: Layer[] = [{ layer: 'default', values: BUILTIN_SETTINGS }];
  const userFile = options.userConfigFile ?? userConfigFile(env);
  const user = readLayerFile('user', userFile, userFile, diagnostics);
  if (user) layers.push(user);
  let workspaceName = 'workspace';
  if (options.workspaceRoot) {
    const workspace = readLayerFile(
      'workspace',
      join(options.workspaceRoot, WORKSPACE_FILE),
      WORKSPACE_FILE,
      diagnostics,
      (data) => {
        const name = (data as { name?: unknown } | null)?.name;
        if (typeof name === 'string') workspaceName = name;
      },
    );
    if (workspace) layers.push(workspace);
    if (options.infra) layers.push(...infraLayers(options.workspaceRoot, options.infra, diagnostics));
  }
  const fromEnv = readEnvSettings(env);
  diagnostics.push(...fromEnv.diagnostics);
  layers.push({
    layer: 'env',
    values: fromEnv.values,
    describe: (path) => `$${fromEnv.variables[path.join('.')]}`,
  });
  layers.push(flagLayer(options.flags ?? {}, diagnostics));
  const merged = mergeLayers(layers);
  const interpolation = {
    env,
    workspace: { name: workspaceName },
    ...(options.infra ? { infra: { name: options.infra } } : {}),
  };
  const expanded = expandSettingTemplates(merged.values as Settings, merged.origins, interpolation);
  diagnostics.push(...expanded.diagnostics);
  return { settings: expanded.settings, origins: merged.origins, diagnostics: sortDiagnostics(diagnostics) };
}

/** A setting's value by dotted key (`ssh.port`); undefined when unset in every layer. */
export function getSetting(settings: Settings, key: string): unknown {
  const [section, name] = key.split('.');
  return (settings as Record<string, Record<string, unknown> | undefined>)[section]?.[name];
}

import type { Diagnostic } from '../diagnostics/diagnostic';
import { didYouMean } from '../diagnostics/did-you-mean';
import { ConfigError } from '../errors';
import { SETTINGS_SECTION_NAMES, settingsSections } from '../schema/settings';
import { parseSettingValue } from './parse-setting-value';

export const SETTINGS_ENV_PREFIX = 'PROVISIONING_';

export interface EnvSettings {
  values: Record<string, Record<string, unknown>>;
  /** `section.key` -> the variable that set it. */
  variables: Record<string, string>;
  diagnostics: Diagnostic[];
}

function envDiagnostic(
  variable: string,
  severity: Diagnostic['severity'],
  path: string,
  message: string,
  code: string,
): Diagnostic {
  return { file: `$${variable}`, line: 0, col: 0, severity, path, message, code };
}

/**
 * Settings from `PROVISIONING_<SECTION>_<KEY>` variables. Only sections of the settings schema
 * count, so the CLI's own variables (PROVISIONING_OUTPUT, PROVISIONING_NO_COLOR, PROVISIONING_YES,
 * PROVISIONING_SECRET_<NAME>, ...) are never misread as settings. An unknown key inside a known
 * section is a warning with a suggestion; a value of the wrong type is an error.
 */
export function readEnvSettings(env: NodeJS.ProcessEnv): EnvSettings {
  const result: EnvSettings = { values: {}, variables: {}, diagnostics: [] };
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith(SETTINGS_ENV_PREFIX)) continue;
    const rest = variable.slice(SETTINGS_ENV_PREFIX.length);
    const section = SETTINGS_SECTION_NAMES.find((name) => rest.startsWith(`${name.toUpperCase()}_`));
    const text = env[variable];
    if (!section || text === undefined) continue;
    const key = rest.slice(section.length + 1).toLowerCase();
    const known = Object.keys(settingsSections[section].shape);
    if (!known.includes(key)) {
      const message = `no setting ${section}.${key}, so this variable is ignored${didYouMean(key, known)}`;
      result.diagnostics.push(
        envDiagnostic(variable, 'warning', `${section}.${key}`, message, 'unknown-setting'),
      );
      continue;
    }
    try {
      (result.values[section] ??= {})[key] = parseSettingValue(`${section}.${key}`, text);
      result.variables[`${section}.${key}`] = variable;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const message = error.message.replace(/^[^:]+: /, '');
      result.diagnostics.push(
        envDiagnostic(variable, 'error', `${section}.${key}`, message, 'invalid-setting'),
      );
    }
  }
  return result;
}

import { type Diagnostic, formatDiagnostic } from './diagnostics/diagnostic';

/** Base class of every error this library throws; `message` says what happened, where, and what to do. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export class WorkspaceNotFoundError extends ConfigError {
  override name = 'WorkspaceNotFoundError';
  constructor(readonly startDir: string) {
    super(
      `No provisioning.yaml found in ${startDir} or any parent directory. ` +
        'Run `provisioning workspace init` to create a workspace, or pass --workspace DIR.',
    );
  }
}

/** The workspace has errors; `diagnostics` lists every one of them, already located. */
export class WorkspaceInvalidError extends ConfigError {
  override name = 'WorkspaceInvalidError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `The workspace has ${errors.length} error(s); run \`provisioning validate\` for the full report:\n` +
        errors.slice(0, 20).map(formatDiagnostic).join('\n'),
    );
  }
}

export class UnknownSettingError extends ConfigError {
  override name = 'UnknownSettingError';
}

export class InvalidSettingValueError extends ConfigError {
  override name = 'InvalidSettingValueError';
}

export class ConfigWriteError extends ConfigError {
  override name = 'ConfigWriteError';
}

export class SecretsFileError extends ConfigError {
  override name = 'SecretsFileError';
}

export class InterpolationError extends ConfigError {
  override name = 'InterpolationError';
}

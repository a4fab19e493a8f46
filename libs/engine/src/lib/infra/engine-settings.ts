import { BUILTIN_SETTINGS, type Diagnostic, resolveSettings, type Settings } from '@provisioning/config';

type Complete<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

/**
 * Settings with every key that has a built-in default filled in: use sites read
 * `settings.run.parallelism`, never `?? 10`. Keys without a default (ssh.key, ssh.known_hosts,
 * ssh.password, ssh.sudo, ssh.sudo_password) stay optional; keys refused as not supported yet
 * (run.retries, state.url, log.level) are never set.
 */
type OptionalSsh = 'key' | 'known_hosts' | 'password' | 'sudo' | 'sudo_password';
export interface EngineSettings {
  ssh: Complete<Omit<Settings['ssh'], OptionalSsh>> & Pick<Settings['ssh'], OptionalSsh>;
  run: Complete<Omit<Settings['run'], 'retries'>>;
  state: Complete<Omit<Settings['state'], 'url'>>;
  log: Omit<Settings['log'], 'level'>;
}

export interface ResolvedEngineSettings {
  settings: EngineSettings;
  /** Problems found while layering them (a bad value in a file, an unknown env variable), each with where. */
  diagnostics: Diagnostic[];
}

/** Resolves the settings of a workspace (and infra) once: built-ins < user < workspace < infra < env < overrides. */
export function resolveEngineSettings(options: {
  workspaceRoot: string;
  infra?: string;
  env: NodeJS.ProcessEnv;
  overrides?: Record<string, unknown>;
}): ResolvedEngineSettings {
  const resolved = resolveSettings({
    workspaceRoot: options.workspaceRoot,
    infra: options.infra,
    env: options.env,
    flags: options.overrides ?? {},
  });
  return { settings: completeSettings(resolved.settings), diagnostics: resolved.diagnostics };
}

function completeSettings(settings: Settings): EngineSettings {
  const builtin = BUILTIN_SETTINGS as EngineSettings;
  const merge = <T extends object>(defaults: T, values: Partial<T> | undefined): T => {
    const out = { ...defaults } as Record<string, unknown>;
    for (const [key, value] of Object.entries(values ?? {})) if (value !== undefined) out[key] = value;
    return out as T;
  };
  return {
    ssh: merge(builtin.ssh, settings.ssh as Partial<EngineSettings['ssh']>),
    run: merge(builtin.run, settings.run as Partial<EngineSettings['run']>),
    state: merge(builtin.state, settings.state as Partial<EngineSettings['state']>),
    log: merge(builtin.log, settings.log as Partial<EngineSettings['log']>),
  };
}

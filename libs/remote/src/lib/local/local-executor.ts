import { HostExecutor, type HostExecutorSettings } from '../exec/host-executor';
import { Redactor } from '@provisioning/sdk';
import { resolveSecret, type SecretSource } from '../secret';
import { LocalTransport } from './local-transport';

export interface LocalExecutorOptions {
  /** Name used in errors and events; default `localhost`. */
  host?: string;
  sudoPassword?: SecretSource;
  /** Values masked in every error and event of this executor. */
  secrets?: readonly string[];
  emit?: HostExecutorSettings['emit'];
}

/**
 * The same `Executor` as an SSH host, for `connection: local`: commands run through /bin/sh on
 * this machine with identical quoting, env, cwd, sudo, timeout and abort behaviour.
 */
export function createLocalExecutor(options: LocalExecutorOptions = {}): HostExecutor {
  const host = options.host ?? 'localhost';
  const secrets = [...(options.secrets ?? [])];
  let sudoPassword: string | undefined;
  return new HostExecutor({
    host,
    transport: new LocalTransport(),
    redactor: () => new Redactor(secrets),
    emit: options.emit,
    sudoPassword: async () => {
      if (sudoPassword === undefined && options.sudoPassword) {
        sudoPassword = await resolveSecret(options.sudoPassword, `${host}: sudo password`);
        secrets.push(sudoPassword);
      }
      return sudoPassword;
    },
  });
}

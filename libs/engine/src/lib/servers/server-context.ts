import type { Infra, SecretStore, Settings } from '@provisioning/config';
import type { ProviderDefinition } from '@provisioning/sdk';
import type { StateStore } from '@provisioning/store';

/** Progress of server and provider work, every string redacted. */
export type ServerEvent =
  | {
      type: 'provider-call';
      server: string;
      provider: string;
      call: string;
      phase: 'started' | 'finished' | 'failed';
      message?: string;
    }
  | { type: 'server-progress'; server: string; message: string };

export type ServerEventListener = (event: ServerEvent) => void;

/** Finds a provider definition by the name servers use (`provider: nspawn`). */
export type ProviderResolver = (name: string) => ProviderDefinition | undefined;

/** Everything server create/delete/list needs; front doors build it (the engine never reads argv). */
export interface ServerContext {
  infra: Infra;
  workspaceName: string;
  workspaceRoot: string;
  settings: Settings;
  store: StateStore;
  resolveProvider: ProviderResolver;
  env?: NodeJS.ProcessEnv;
  secrets?: SecretStore;
  /** Servers created or deleted at once (default: settings run.parallelism, else 10). */
  parallel?: number;
  signal?: AbortSignal;
  onEvent?: ServerEventListener;
}

/** Providers that mean "the server already exists": nothing to create or delete. */
export const EXISTING_SERVER_PROVIDERS: ReadonlySet<string> = new Set(['static', 'local']);

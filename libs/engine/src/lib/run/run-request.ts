import type { Infra, SecretStore } from '@provisioning/config';
import type { Executor } from '@provisioning/sdk';
import type { StateStore } from '@provisioning/store';
import type { TaskservResolver } from '../steps/build-steps';
import type { EngineEventListener, RunAction } from './engine-events';

/** Everything a plan or an apply needs; front doors build it, the engine never reads argv or files itself. */
export interface RunRequest {
  infra: Infra;
  workspaceName: string;
  resolveTaskserv: TaskservResolver;
  /** The executor of a server, by name (one pooled connection per host for the whole run). */
  executorFor(server: string): Executor;
  action: RunAction;
  /** Only these servers; default all. */
  servers?: ReadonlySet<string>;
  /** Only these taskserv entries; default all. */
  taskservs?: ReadonlySet<string>;
  /** Hosts worked on at once (default 10). */
  parallel?: number;
  /** Environment and secret store for `{{env.X}}` / `{{secret.X}}` in params. */
  env?: NodeJS.ProcessEnv;
  secrets?: SecretStore;
  /** Relative `source` files of file/template operations are read from here (the workspace root). */
  baseDir?: string;
  sudo?: boolean;
  /** One round trip may take this long (default: none). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: EngineEventListener;
  store?: StateStore;
}

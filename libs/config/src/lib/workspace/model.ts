import type { SourceLocation } from '../diagnostics/diagnostic';
import type { LayeredValues } from '../layers/merge-layers';
import type { ClusterSpec, ServerSpec, TaskservSpec } from '../schema/infra-file';
import type { PartialSettings } from '../schema/settings';
import type { Registry } from '../schema/workspace-file';

/**
 * The typed, validated model every later part reads. Keys mirror the YAML (snake_case) so a
 * model path is also the path in the file and in error messages.
 */
export interface Server extends ServerSpec {
  /** `static` when the file sets none. */
  provider: string;
  labels: Record<string, string>;
  source: SourceLocation;
}

export interface TaskservRef extends TaskservSpec {
  /** The extension this entry runs: `taskserv` as written, else the entry's name. */
  taskserv: string;
  params: Record<string, unknown>;
  depends_on: string[];
  /** Params after layering (extension defaults < workspace < infra), with the origin of every value. */
  resolved: LayeredValues;
  source: SourceLocation;
}

export interface Cluster extends ClusterSpec {
  source: SourceLocation;
}

export interface Infra {
  name: string;
  /** Absolute path of `infra/<name>/`. */
  dir: string;
  /** The YAML files it was read from, relative to the workspace root, sorted. */
  files: string[];
  servers: Server[];
  taskservs: TaskservRef[];
  clusters: Cluster[];
  /** The infra's settings override layer (merged from its files). */
  settings: PartialSettings;
}

export interface Workspace {
  /** Absolute path of the directory holding provisioning.yaml. */
  root: string;
  name: string;
  description?: string;
  default_infra?: string;
  registries: Registry[];
  /** The workspace settings layer (from provisioning.yaml `settings:`). */
  settings: PartialSettings;
  /** The workspace taskserv params layer, by taskserv name. */
  taskserv_params: Record<string, Record<string, unknown>>;
  /** The infras that were loaded (all, or the one asked for), by name. */
  infras: Record<string, Infra>;
}

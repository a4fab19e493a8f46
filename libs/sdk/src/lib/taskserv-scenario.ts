// The scenario format every taskserv ships: `provisioning test` runs it on throwaway hosts, the
// e2e suite (apps/e2e) on testbed hosts, both through the engine's runScenario.
/**
 * An end-to-end scenario as data (an extension's `scenarios.yaml`; docs/testing-extensions.md).
 * The engine's `runScenario` runs each one:
 *
 * 1. on `hosts` fresh hosts (after placing `artifacts` on the testbed's artifact server),
 *    apply the task service with `apply.params` (a role's `params` merged over them for its hosts,
 *    roles applied in order), then run
 *    every `checks` command on the hosts of its role: it must exit 0 and print `expect`;
 * 2. apply again with the same params: the plan must list nothing and the run report 0 changed;
 * 3. plan with `change.params` (for the hosts of `change.role`, or all hosts; the others keep
 *    `apply.params`): the plan must list exactly `change.changes` (ids without the step prefix,
 *    "change" and "known after apply" both count), and the apply that follows must report exactly
 *    those as changed; a plan afterwards lists nothing;
 * 4. remove the task service, then run `removed` checks.
 *
 * On a first apply a plan may list more than apply changes: an operation "known after apply" waits
 * for fresh facts and can turn out unchanged. Every scenario here passed these steps on the testbed
 * (operations layer: expandOperations, planHost, applyHost, readTaskservOutputs).
 *
 * In param values, `${artifacts}` stands for the artifact server's base URL (no trailing slash),
 * `${sha256:<path>}` for the sha256 of the artifact placed at `<path>` on it, and `${server:N}` for
 * the server name of the scenario's host N (1-based); the runner substitutes
 * them before writing the infra file (`{{...}}` is left for the config's own secret references),
 * and in checks' `command` and `expect`.
 */
export interface TaskservScenario {
  name: string;
  taskserv: string;
  description: string;
  hosts: number;
  /** Host roles in order of application: each gets its own params (k3s server first, then agents). */
  roles?: ReadonlyArray<{ name: string; hosts: readonly number[]; params: Record<string, unknown> }>;
  /**
   * Other task services the infra places on some hosts (entries named after the task service,
   * before the scenario's own): what it reads from the infra view, e.g. node-exporter for
   * prometheus. Applied, converged and removed with it; never changed.
   */
  companions?: ReadonlyArray<{
    taskserv: string;
    hosts: readonly number[];
    params?: Record<string, unknown>;
  }>;
  /** Files to serve first: `source` is copied (repo-relative), or `build` runs from the repo root with $OUT set to the destination. */
  artifacts?: ReadonlyArray<{ path: string; source?: string; build?: string; description: string }>;
  /** `secrets`: what the workspace secret store must hold (name → value) for `{{secret.NAME}}` in params. */
  apply: { params: Record<string, unknown>; secrets?: Record<string, string> };
  checks: ReadonlyArray<{ description: string; command: string; expect: string; role?: string }>;
  change: { params: Record<string, unknown>; role?: string; changes: readonly string[] };
  removed: ReadonlyArray<{ description: string; command: string; expect: string; role?: string }>;
}

import type { InstalledTaskserv } from '@provisioning/store';
import { stepOfOperation } from '../run/batch-operations';
import type { HostPlanView, RunPlan } from '../run/run-plan';

export type TaskservHostState = 'converged' | 'pending' | 'not-installed' | 'error';

export interface TaskservHostStatus {
  host: string;
  status: TaskservHostState;
  changes: number;
  /** What the state store recorded for this host, if anything. */
  installed?: { version: string; runId: string; installedAt: Date };
  error?: string;
}

export interface TaskservStatusReport {
  infra: string;
  taskservs: Array<{ taskserv: string; hosts: TaskservHostStatus[] }>;
}

/** Status per taskserv entry and host, from a fresh plan and what the store recorded. */
export function taskservStatusReport(
  infra: string,
  preview: RunPlan,
  records: readonly InstalledTaskserv[],
  only: ReadonlySet<string> | undefined,
): TaskservStatusReport {
  const entries = new Set<string>();
  for (const view of preview.hosts) for (const step of view.steps) entries.add(step.split('@')[0]);
  const names = only ? [...only] : [...entries];
  return {
    infra,
    taskservs: names.map((taskserv) => {
      const views = preview.hosts.filter((view) =>
        view.steps.some((step) => step.split('@')[0] === taskserv),
      );
      const hosts = [...new Set(views.map((view) => view.host))];
      return {
        taskserv,
        hosts: hosts.map((host) =>
          hostStatus(
            host,
            views.filter((view) => view.host === host).map((view) => onlyEntry(view, taskserv)),
            records.find((record) => record.host === host && record.name === taskserv),
          ),
        ),
      };
    }),
  };
}

function onlyEntry(view: HostPlanView, taskserv: string): HostPlanView {
  const operations = view.operations.filter((op) => stepOfOperation(op.id) === taskserv);
  if (view.status !== 'planned') return view;
  return {
    ...view,
    operations,
    changes: operations.filter((op) => op.status === 'change' || op.status === 'known-after-apply').length,
    errors: operations.filter((op) => op.status === 'error').length,
  };
}

function hostStatus(
  host: string,
  views: HostPlanView[],
  record: InstalledTaskserv | undefined,
): TaskservHostStatus {
  const installed = record
    ? { installed: { version: record.version, runId: record.runId, installedAt: record.installedAt } }
    : {};
  const failed = views.find((view) => view.status === 'error' || view.errors > 0);
  if (failed) {
    const reason =
      failed.reason ?? failed.operations.find((op) => op.status === 'error')?.reason ?? 'planning failed';
    return { host, status: 'error', changes: 0, error: reason, ...installed };
  }
  // A step waiting for another host's change counts as pending: what it will do is known only after.
  const changes = views.reduce(
    (sum, view) => sum + (view.status === 'known-after-apply' ? Math.max(1, view.changes) : view.changes),
    0,
  );
  if (changes === 0) return { host, status: 'converged', changes, ...installed };
  return { host, status: record ? 'pending' : 'not-installed', changes, ...installed };
}

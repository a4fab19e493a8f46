import { randomUUID } from 'node:crypto';
import type { RunPlan } from '@provisioning/engine';

/** How long a plan id stays usable: an assistant applies what it just showed, not an old plan. */
export const PLAN_TTL_MS = 15 * 60 * 1000;

interface Entry {
  plan: RunPlan;
  infra: string;
  createdAt: number;
  /** The infra's apply count when planned: any apply since makes the plan stale. */
  generation: number;
}

/** Why a plan id cannot be applied, in words an assistant can act on. */
export type PlanRefusal = { ok: false; reason: string };

/** Plans made by the `plan` tool, by id; `apply` takes only a current one. */
export class PlanRegistry {
  private readonly plans = new Map<string, Entry>();
  private readonly applies = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  add(infra: string, plan: RunPlan): string {
    const id = randomUUID();
    this.plans.set(id, { plan, infra, createdAt: this.now(), generation: this.applies.get(infra) ?? 0 });
    return id;
  }

  /** The plan of a current id, or why it is refused (unknown, expired, or an apply ran on its infra since). */
  current(id: string): { ok: true; plan: RunPlan; infra: string } | PlanRefusal {
    const entry = this.plans.get(id);
    if (!entry)
      return { ok: false, reason: `no plan with id ${id}: call the plan tool and apply the id it returns` };
    if (this.now() - entry.createdAt > PLAN_TTL_MS) {
      this.plans.delete(id);
      return {
        ok: false,
        reason: `plan ${id} is stale: it is older than ${PLAN_TTL_MS / 60000} minutes; plan again`,
      };
    }
    if ((this.applies.get(entry.infra) ?? 0) !== entry.generation) {
      return {
        ok: false,
        reason: `plan ${id} is stale: infra ${entry.infra} was applied since it was made; plan again and review the new changes`,
      };
    }
    return { ok: true, plan: entry.plan, infra: entry.infra };
  }

  /** An apply ran on the infra: every earlier plan of it is stale from now on. */
  applied(infra: string): void {
    this.applies.set(infra, (this.applies.get(infra) ?? 0) + 1);
  }
}

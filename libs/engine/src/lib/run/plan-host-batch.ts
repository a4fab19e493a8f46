import { FactsGatheringError, type HostPlan, planHost, type PlanOptions } from '@provisioning/operations';
import type { Executor, HostFacts, Operation } from '@provisioning/sdk';
import type { HostFactsCache } from './host-facts-cache';
import { sameHostFacts } from './host-facts-guess';

export interface PlannedHostBatch {
  hostFacts: HostFacts;
  operations: Operation[];
  plan: HostPlan;
  /** Round trips this cost: host facts (if read on their own) and the plan's facts. */
  roundTrips: number;
}

/**
 * Plans one host batch, whose operations `build` makes from the host facts. The host facts cost
 * their own round trip only when nothing is known of them: facts this run read are used as they
 * are; facts an earlier run read are a guess to build with, read again in the plan's own round trip
 * and kept only when the host says the same (else the batch is built and planned again from what
 * it says now, as without a guess). A guess whose build or plan fails before the host is reached,
 * or that builds no operation (no round trip to check it in), is not used. Operations built without
 * reading the host facts need neither (planBlind).
 */
export async function planHostBatch(
  executor: Executor,
  facts: HostFactsCache,
  build: (hostFacts: HostFacts) => Operation[],
  options: PlanOptions,
): Promise<PlannedHostBatch> {
  const host = executor.host;
  if (!facts.has(host)) {
    const blind = await planBlind(executor, build, options);
    if (blind) {
      facts.confirm(host, blind.hostFacts);
      return blind;
    }
    const guess = await facts.guess(host);
    const operations = guess ? buildOrUndefined(build, guess) : undefined;
    const plan = guess && operations?.length ? await planGuessed(executor, operations, options) : undefined;
    if (guess && operations && plan) {
      const read = plan.hostFacts;
      if (read) {
        facts.confirm(host, read);
        if (sameHostFacts(read, guess))
          return { hostFacts: read, operations, plan, roundTrips: plan.roundTrips };
        const again = await planFrom(executor, read, build, options);
        return { ...again, roundTrips: plan.roundTrips + again.roundTrips };
      }
    }
  }
  const known = facts.has(host);
  const hostFacts = await facts.get(host);
  const planned = await planFrom(executor, hostFacts, build, options);
  return { ...planned, roundTrips: planned.roundTrips + (known ? 0 : 1) };
}

async function planFrom(
  executor: Executor,
  hostFacts: HostFacts,
  build: (hostFacts: HostFacts) => Operation[],
  options: PlanOptions,
): Promise<PlannedHostBatch> {
  const operations = build(hostFacts);
  const plan = await planHost(executor, operations, options);
  return { hostFacts, operations, plan, roundTrips: plan.roundTrips };
}

/**
 * A batch whose operations do not depend on the host facts (its build reads none of them) needs
 * no facts to be built: it is planned at once, the host facts read in the plan's round trip, so a
 * host nothing is known of costs no round trip of its own. Undefined when the build reads the
 * facts (or fails without them, or builds nothing): they are read first, as before.
 */
async function planBlind(
  executor: Executor,
  build: (hostFacts: HostFacts) => Operation[],
  options: PlanOptions,
): Promise<PlannedHostBatch | undefined> {
  const unread = unreadHostFacts();
  const operations = buildOrUndefined(build, unread.facts);
  if (!operations?.length || unread.read()) return undefined;
  const plan = await planGuessed(executor, operations, options);
  if (!plan?.hostFacts || unread.read()) return undefined;
  return { hostFacts: plan.hostFacts, operations, plan, roundTrips: plan.roundTrips };
}

/**
 * Host facts that are not there: reading any field (or its keys, or serialising it) throws and is
 * remembered, so a build that reads them fails or is known to have read them.
 */
function unreadHostFacts(): { facts: HostFacts; read: () => boolean } {
  let read = false;
  const refuse = (): never => {
    read = true;
    throw new Error('host facts are not known yet');
  };
  const facts = new Proxy({} as HostFacts, {
    get: refuse,
    has: refuse,
    ownKeys: refuse,
    getOwnPropertyDescriptor: refuse,
    getPrototypeOf: refuse,
  });
  return { facts, read: () => read };
}

/**
 * The plan of operations built from guessed host facts, or undefined when planning them failed
 * before reaching the host (a template the guess names that this host does not need): that is
 * decided again from the host's real facts. A failure on the host is the host's.
 */
async function planGuessed(
  executor: Executor,
  operations: Operation[],
  options: PlanOptions,
): Promise<HostPlan | undefined> {
  try {
    return await planHost(executor, operations, { ...options, readHostFacts: true });
  } catch (error) {
    if (error instanceof FactsGatheringError) throw error;
    return undefined;
  }
}

function buildOrUndefined(
  build: (hostFacts: HostFacts) => Operation[],
  guess: HostFacts,
): Operation[] | undefined {
  try {
    return build(guess);
  } catch {
    return undefined;
  }
}

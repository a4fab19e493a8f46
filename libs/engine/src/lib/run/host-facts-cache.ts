import { gatherHostFacts } from '@provisioning/operations';
import type { HostFacts } from '@provisioning/sdk';
import { asHostFacts, sameHostFacts } from './host-facts-guess';
import type { RunRequest } from './run-request';

/**
 * Host facts (OS, arch, hostname) per host for one run, read once per host: in their own small
 * round trip, or in the plan's facts round trip when an earlier run left them in the state store
 * (`guess`, then `confirm` with what the host says now; see plan-host-batch.ts). What this run read
 * goes back to the store for the next run (`remember`).
 */
export class HostFactsCache {
  private readonly facts = new Map<string, Promise<HostFacts>>();
  private readonly read = new Map<string, HostFacts>();
  private remembered?: Promise<ReadonlyMap<string, Record<string, unknown>>>;

  constructor(private readonly ctx: RunRequest) {}

  /** Whether the facts of `host` were asked for already (the next `get` costs no round trip). */
  has(host: string): boolean {
    return this.facts.has(host);
  }

  /** Facts already read for `host` (by the plan this run applies): the next `get` costs no round trip. */
  seed(host: string, facts: HostFacts): void {
    if (!this.facts.has(host)) this.facts.set(host, Promise.resolve(facts));
  }

  get(host: string): Promise<HostFacts> {
    let facts = this.facts.get(host);
    if (!facts) {
      facts = gatherHostFacts(this.ctx.executorFor(host), {
        sudo: this.ctx.sudo,
        timeoutMs: this.ctx.timeoutMs,
      }).then((read) => {
        this.read.set(host, read);
        return read;
      });
      this.facts.set(host, facts);
    }
    return facts;
  }

  /** The facts an earlier run read from `host`, if the store kept any: a guess to plan with, never trusted unchecked. */
  async guess(host: string): Promise<HostFacts | undefined> {
    return asHostFacts((await this.rememberedFacts())?.get(host));
  }

  /** Facts `host` reported in another round trip (the plan's): from now on `get` returns them. */
  confirm(host: string, facts: HostFacts): void {
    this.facts.set(host, Promise.resolve(facts));
    this.read.set(host, facts);
  }

  /**
   * Keeps the facts read in this run that differ from those remembered, for the next run. A store
   * that cannot take them costs the next run a round trip, not this run its result.
   */
  async remember(): Promise<void> {
    const store = this.ctx.store;
    if (!store || this.read.size === 0) return;
    try {
      const before = (await this.rememberedFacts()) ?? new Map<string, Record<string, unknown>>();
      for (const [host, facts] of this.read) {
        const earlier = asHostFacts(before.get(host));
        if (!earlier || !sameHostFacts(earlier, facts))
          await store.rememberHostFacts(this.ctx.infra.name, host, { ...facts });
      }
    } catch {
      // see above: only a hint is lost
    }
  }

  /** What the store remembers for the infra, read once per run; unreadable costs a round trip per host, never the run. */
  private rememberedFacts(): Promise<ReadonlyMap<string, Record<string, unknown>>> | undefined {
    const store = this.ctx.store;
    if (!store) return undefined;
    this.remembered ??= store.rememberedHostFacts(this.ctx.infra.name).catch(() => new Map());
    return this.remembered;
  }
}

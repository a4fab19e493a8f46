import { gatherHostFacts } from '@provisioning/operations';
import type { HostFacts } from '@provisioning/sdk';
import type { RunRequest } from './run-request';

/** Host facts (OS, arch, hostname) are read once per host per run, in their own small round trip. */
export class HostFactsCache {
  private readonly facts = new Map<string, Promise<HostFacts>>();

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
      });
      this.facts.set(host, facts);
    }
    return facts;
  }
}

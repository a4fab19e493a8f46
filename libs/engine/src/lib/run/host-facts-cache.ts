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

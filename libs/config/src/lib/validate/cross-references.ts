import type { Diagnostic } from '../diagnostics/diagnostic';
import { didYouMean } from '../diagnostics/did-you-mean';
import type { ClusterSpec, ServerSpec, TaskservSpec } from '../schema/infra-file';
import { matchesLabels } from '../select-servers';
import { parseJumpHosts } from '../schema/connection-fields';
import { findCycles } from './dependency-cycles';
import { jumpChainOf } from './jump-chains';
import { describeLocation, diagnosticAt, type Located } from './located';

export interface InfraEntries {
  servers: Located<ServerSpec>[];
  taskservs: Located<TaskservSpec>[];
  clusters: Located<ClusterSpec>[];
  /** Names of entries that failed their schema (already reported): references to them are not errors. */
  invalidNames?: ReadonlySet<string>;
}

function checkDuplicates<T extends { name: string }>(
  kind: string,
  entries: Located<T>[],
  out: Diagnostic[],
): void {
  const first = new Map<string, Located<T>>();
  for (const entry of entries) {
    const earlier = first.get(entry.value.name);
    if (!earlier) {
      first.set(entry.value.name, entry);
      continue;
    }
    out.push(
      diagnosticAt(
        entry.parsed,
        [...entry.path, 'name'],
        'error',
        'duplicate-name',
        `duplicate ${kind} name "${entry.value.name}"; it is already defined at ${describeLocation(earlier.parsed, [...earlier.path, 'name'])}`,
      ),
    );
  }
}

function checkNameReferences(
  kind: string,
  names: readonly string[] | undefined,
  known: ReadonlySet<string>,
  owner: Located<unknown>,
  path: (string | number)[],
  out: Diagnostic[],
  invalid: ReadonlySet<string> = new Set(),
): void {
  names?.forEach((name, index) => {
    if (known.has(name) || invalid.has(name)) return;
    out.push(
      diagnosticAt(
        owner.parsed,
        [...owner.path, ...path, index],
        'error',
        `unknown-${kind}`,
        `no ${kind} named "${name}" in this infra${didYouMean(name, known)}`,
      ),
    );
  });
}

function checkSelector(
  selector: Record<string, string> | undefined,
  servers: Located<ServerSpec>[],
  owner: Located<unknown>,
  path: (string | number)[],
  out: Diagnostic[],
): void {
  if (!selector || Object.keys(selector).length === 0) return;
  const matched = servers.some((s) => matchesLabels({ labels: s.value.labels ?? {} }, selector));
  if (!matched) {
    const text = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    out.push(
      diagnosticAt(
        owner.parsed,
        [...owner.path, ...path],
        'warning',
        'selector-matches-nothing',
        `selector ${text} matches no server`,
      ),
    );
  }
}

function checkServers(entries: InfraEntries, serverNames: Set<string>, out: Diagnostic[]): void {
  const byName = new Map(entries.servers.map((s) => [s.value.name, s.value]));
  for (const server of entries.servers) {
    const { provider = 'static', address, jump_host: jumpHost, name } = server.value;
    if (provider === 'static' && address === undefined) {
      out.push(
        diagnosticAt(
          server.parsed,
          server.path,
          'error',
          'missing-address',
          `static server "${name}" needs \`address:\` (its host name or IP)`,
        ),
      );
    }
    if (jumpHost === undefined || jumpHost.includes('{{')) continue;
    const hops = parseJumpHosts(jumpHost);
    if (typeof hops === 'string') continue;
    if (hops.some((hop) => hop.host === name && hop.user === undefined && hop.port === undefined)) {
      out.push(
        diagnosticAt(
          server.parsed,
          [...server.path, 'jump_host'],
          'error',
          'jump-host-self',
          `server "${name}" cannot be its own jump host`,
        ),
      );
      continue;
    }
    for (const hop of hops) {
      const named = hop.user === undefined && hop.port === undefined && /^[A-Za-z0-9_-]+$/.test(hop.host);
      if (!named || serverNames.has(hop.host) || entries.invalidNames?.has(hop.host)) continue;
      out.push(
        diagnosticAt(
          server.parsed,
          [...server.path, 'jump_host'],
          'warning',
          'jump-host-not-a-server',
          `jump host "${hop.host}" is not a server of this infra, so it is used as a host name${didYouMean(hop.host, serverNames)}`,
        ),
      );
    }
    const chain = jumpChainOf(name, byName);
    if (!chain.ok)
      out.push(
        diagnosticAt(server.parsed, [...server.path, 'jump_host'], 'error', 'jump-host-cycle', chain.problem),
      );
  }
}

function checkTaskservs(
  entries: InfraEntries,
  serverNames: Set<string>,
  taskservNames: Set<string>,
  out: Diagnostic[],
): void {
  const usedByClusters = new Set(
    entries.clusters.flatMap((c) => Object.values(c.value.roles).flatMap((r) => r.taskservs ?? [])),
  );
  for (const taskserv of entries.taskservs) {
    const { servers, selector, depends_on: dependsOn, name } = taskserv.value;
    checkNameReferences('server', servers, serverNames, taskserv, ['servers'], out, entries.invalidNames);
    checkNameReferences(
      'taskserv',
      dependsOn,
      taskservNames,
      taskserv,
      ['depends_on'],
      out,
      entries.invalidNames,
    );
    checkSelector(selector, entries.servers, taskserv, ['selector'], out);
    const targetsNothing = (servers?.length ?? 0) === 0 && Object.keys(selector ?? {}).length === 0;
    if (targetsNothing && !usedByClusters.has(name)) {
      out.push(
        diagnosticAt(
          taskserv.parsed,
          taskserv.path,
          'warning',
          'no-targets',
          `taskserv "${name}" runs on no server; add \`servers:\` or \`selector:\`, or use it in a cluster role`,
        ),
      );
    }
  }
}

function checkClusters(
  entries: InfraEntries,
  serverNames: Set<string>,
  taskservNames: Set<string>,
  out: Diagnostic[],
): void {
  for (const cluster of entries.clusters) {
    for (const [role, spec] of Object.entries(cluster.value.roles)) {
      checkNameReferences(
        'server',
        spec.servers,
        serverNames,
        cluster,
        ['roles', role, 'servers'],
        out,
        entries.invalidNames,
      );
      checkNameReferences(
        'taskserv',
        spec.taskservs,
        taskservNames,
        cluster,
        ['roles', role, 'taskservs'],
        out,
        entries.invalidNames,
      );
      checkSelector(spec.selector, entries.servers, cluster, ['roles', role, 'selector'], out);
    }
  }
}

function checkDependencyCycles(entries: InfraEntries, out: Diagnostic[]): void {
  const edges = new Map(entries.taskservs.map((t) => [t.value.name, t.value.depends_on ?? []]));
  for (const cycle of findCycles(edges)) {
    const first = entries.taskservs.find((t) => t.value.name === cycle[0]);
    if (!first) continue;
    const index = (first.value.depends_on ?? []).indexOf(cycle[1]);
    out.push(
      diagnosticAt(
        first.parsed,
        [...first.path, 'depends_on', index],
        'error',
        'dependency-cycle',
        `dependency cycle: ${cycle.join(' -> ')}`,
      ),
    );
  }
}

/** Checks that need the whole infra: unique names, references that resolve, no dependency cycles. */
export function checkCrossReferences(entries: InfraEntries): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkDuplicates('server', entries.servers, out);
  checkDuplicates('taskserv', entries.taskservs, out);
  checkDuplicates('cluster', entries.clusters, out);
  const serverNames = new Set(entries.servers.map((s) => s.value.name));
  const taskservNames = new Set(entries.taskservs.map((t) => t.value.name));
  checkServers(entries, serverNames, out);
  checkTaskservs(entries, serverNames, taskservNames, out);
  checkClusters(entries, serverNames, taskservNames, out);
  checkDependencyCycles(entries, out);
  return out;
}

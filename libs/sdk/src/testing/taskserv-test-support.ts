import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { resolveTaskservOperations } from '../lib/taskserv';
import type { HostFacts, InfraView, TaskservContext, TaskservDefinition } from '../lib/taskserv';
import type { Operation } from '../lib/operations/types';

/** For task services' specs: resolve operations the way the engine does, and compare them. */
export const debianHost: HostFacts = {
  hostname: 'test-1',
  osFamily: 'debian',
  osId: 'debian',
  osVersion: '12',
  arch: 'x86_64',
};

export interface ResolveOptions {
  action?: 'install' | 'remove';
  host?: Partial<HostFacts>;
  secrets?: Record<string, string>;
  outputs?: Record<string, Record<string, string>>;
  /** The infra view the engine would pass (servers, addresses, the taskservs on each). */
  infra?: InfraView;
}

export function resolveOperations(
  definition: TaskservDefinition,
  params: unknown,
  options: ResolveOptions = {},
): Operation[] {
  const context: Omit<TaskservContext<unknown>, 'params'> & { params: unknown } = {
    params,
    host: { ...debianHost, ...options.host },
    secrets: options.secrets ?? {},
    outputs: (name) => options.outputs?.[name],
    ...(options.infra ? { infra: options.infra } : {}),
  };
  return resolveTaskservOperations(definition, options.action ?? 'install', context);
}

export function operationById<K extends Operation['kind']>(
  operations: Operation[],
  id: string,
  kind: K,
): Extract<Operation, { kind: K }> {
  const found = operations.find((operation) => operation.id === id);
  if (!found)
    throw new Error(`no operation "${id}" among: ${operations.map((operation) => operation.id).join(', ')}`);
  if (found.kind !== kind) throw new Error(`operation "${id}" is a ${found.kind}, not a ${kind}`);
  return found as Extract<Operation, { kind: K }>;
}

/** Ids of operations added, removed or different between two resolutions, sorted. */
export function changedOperationIds(before: Operation[], after: Operation[]): string[] {
  const index = (operations: Operation[]) =>
    new Map(operations.map((operation) => [operation.id, JSON.stringify(operation)]));
  const a = index(before);
  const b = index(after);
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].filter((id) => a.get(id) !== b.get(id)).sort();
}

/** The params JSON Schema the manifest must carry: the zod schema as users write it (defaults optional). */
export function generatedParamsSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return jsonSchema;
}

/** Empty when the manifest's params match the zod schema; else the YAML to paste over `params:`. */
export function manifestParamsDrift(manifest: Record<string, unknown>, schema: z.ZodType): string {
  const generated = generatedParamsSchema(schema);
  if (isDeepStrictEqual(manifest['params'], generated)) return '';
  return `manifest.yaml params differ from src/params.ts; replace them with:\n${stringify({ params: generated }, { lineWidth: 0 })}`;
}

export function readManifest(projectRoot: string): Record<string, unknown> {
  return parse(readFileSync(join(projectRoot, 'manifest.yaml'), 'utf8')) as Record<string, unknown>;
}

/** `after`/`restartOn` ids that do not name an earlier operation (the planner refuses those). */
export function danglingReferences(operations: Operation[]): string[] {
  const earlier = new Set<string>();
  const dangling: string[] = [];
  for (const operation of operations) {
    const references = [
      ...(operation.after ?? []),
      ...(operation.kind === 'service' ? (operation.restartOn ?? []) : []),
    ];
    dangling.push(...references.filter((id) => !earlier.has(id)).map((id) => `${operation.id} -> ${id}`));
    earlier.add(operation.id);
  }
  return dangling;
}

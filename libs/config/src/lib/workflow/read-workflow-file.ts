import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Diagnostic, sortDiagnostics } from '../diagnostics/diagnostic';
import { closestMatch } from '../diagnostics/did-you-mean';
import { findCycles } from '../validate/dependency-cycles';
import { diagnosticAt } from '../validate/located';
import { validateWithSchema } from '../validate/zod-diagnostics';
import { parseYamlSource, type ParsedYamlFile, readYamlFile } from '../yaml/read-yaml-file';
import { type WorkflowFile, workflowFileSchema } from './workflow-file';

/** Where a workspace keeps its workflow files. */
export const WORKFLOWS_DIR = 'workflows';

export type WorkflowReadResult =
  { ok: true; workflow: WorkflowFile; file: string } | { ok: false; diagnostics: Diagnostic[]; file: string };

const EMPTY_HINT = 'a workflow needs at least name and operations (docs/orchestrator.md)';

/**
 * Reads and validates one workflow file: YAML syntax, the schema, then the graph (duplicate ids,
 * unknown dependencies with a did-you-mean, cycles named `a -> b -> a`), every problem at
 * file:line:col. `file` is how diagnostics name it (relative to the workspace where possible).
 */
export function readWorkflowFile(absolutePath: string, file = absolutePath): WorkflowReadResult {
  const read = readYamlFile(absolutePath, file, { emptyHint: EMPTY_HINT });
  return read.ok ? checkWorkflow(read.parsed) : { ok: false, diagnostics: read.diagnostics, file };
}

/** The same checks for a document that arrived as text (an API request body, say). */
export function parseWorkflowSource(source: string, file = '<request>'): WorkflowReadResult {
  const read = parseYamlSource(source, file, file, { emptyHint: EMPTY_HINT });
  return read.ok ? checkWorkflow(read.parsed) : { ok: false, diagnostics: read.diagnostics, file };
}

/** Every `workflows/*.yaml` of a workspace, validated; a workspace without the folder has none. */
export function validateWorkflowFiles(workspaceRoot: string): { files: string[]; diagnostics: Diagnostic[] } {
  const dir = join(workspaceRoot, WORKFLOWS_DIR);
  if (!existsSync(dir)) return { files: [], diagnostics: [] };
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
  const diagnostics = files.flatMap((path) => {
    const result = readWorkflowFile(path, relative(resolve(workspaceRoot), path));
    return result.ok ? [] : result.diagnostics;
  });
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

function checkWorkflow(parsed: ParsedYamlFile): WorkflowReadResult {
  const checked = validateWithSchema(workflowFileSchema, parsed.data, { parsed });
  if (!checked.ok) return { ok: false, diagnostics: sortDiagnostics(checked.diagnostics), file: parsed.file };
  const diagnostics = checkGraph(checked.value, parsed);
  return diagnostics.length > 0
    ? { ok: false, diagnostics: sortDiagnostics(diagnostics), file: parsed.file }
    : { ok: true, workflow: checked.value, file: parsed.file };
}

function checkGraph(workflow: WorkflowFile, parsed: ParsedYamlFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstIndex = new Map<string, number>();
  workflow.operations.forEach((operation, index) => {
    const first = firstIndex.get(operation.id);
    if (first === undefined) firstIndex.set(operation.id, index);
    else
      diagnostics.push(
        diagnosticAt(
          parsed,
          ['operations', index, 'id'],
          'error',
          'duplicate-id',
          `the id "${operation.id}" is already used by operations[${first}]; ids must be unique`,
        ),
      );
  });
  const ids = [...firstIndex.keys()];
  const edges = new Map<string, string[]>();
  workflow.operations.forEach((operation, index) => {
    const targets: string[] = [];
    operation.dependencies.forEach((dependency, position) => {
      const id = typeof dependency === 'string' ? dependency : dependency.id;
      const path = ['operations', index, 'dependencies', position];
      if (id === operation.id)
        diagnostics.push(
          diagnosticAt(
            parsed,
            path,
            'error',
            'self-dependency',
            `"${id}" depends on itself; remove it from its own dependencies`,
          ),
        );
      else if (!firstIndex.has(id)) {
        const suggestion = closestMatch(id, ids);
        diagnostics.push(
          diagnosticAt(
            parsed,
            path,
            'error',
            'unknown-dependency',
            `no operation "${id}" in this workflow${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          ),
        );
      } else targets.push(id);
    });
    if (firstIndex.get(operation.id) === index) edges.set(operation.id, targets);
  });
  for (const cycle of findCycles(edges)) {
    const index = firstIndex.get(cycle[0]) as number;
    diagnostics.push(
      diagnosticAt(
        parsed,
        ['operations', index, 'dependencies'],
        'error',
        'dependency-cycle',
        `the operations depend on each other in a cycle: ${cycle.join(' -> ')}; remove one of these dependencies`,
      ),
    );
  }
  return diagnostics;
}

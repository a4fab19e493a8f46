import { posix } from 'node:path';
import { Eta } from 'eta';
import { explainInvalidName } from '../manifest/extension-name';
import { formatProblems } from '../manifest/source-problem';
import { parseTemplateManifest, type TemplateManifest } from './template-manifest';
import type { TemplateTree, WorkspaceTemplateSource } from './workspace-template';

export interface RenderWorkspaceOptions {
  /** Where the workspace goes, relative to the tree's root (`.` for the root itself). */
  directory: string;
  /** Workspace name (provisioning.yaml `name:`); defaults to the directory's base name. */
  name?: string;
  /** Name of the first infra; defaults to the template's `infra.default`. */
  infra?: string;
  /** Overwrite files that already exist. */
  force?: boolean;
}

export type RenderWorkspaceResult =
  | { ok: true; template: TemplateManifest; name: string; infra: string; files: string[] }
  | { ok: false; reason: RenderFailure; error: string };

/** Why nothing was rendered: a broken template, bad options, or files in the way. */
export type RenderFailure = 'invalid-template' | 'invalid-input' | 'conflict';

/** Variables a template file can use as `<%= it.name %>`; path segments `__name__`/`__infra__` are replaced too. */
export interface TemplateVariables {
  name: string;
  infra: string;
}

// YAML, not HTML: nothing is escaped, and whitespace is kept exactly as written.
const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });

/**
 * Renders a workspace template into `tree`. Everything is checked before the first write, so a
 * refusal (bad name, existing files without `force`) leaves the tree untouched. The Nx workspace
 * generator and `provisioning workspace init` both call this, so they produce the same files.
 */
export function renderWorkspace(
  tree: TemplateTree,
  source: WorkspaceTemplateSource,
  options: RenderWorkspaceOptions,
): RenderWorkspaceResult {
  const parsed = parseTemplateManifest(source.templateYaml);
  if (!parsed.ok)
    return {
      ok: false,
      reason: 'invalid-template',
      error: `The template's template.yaml is invalid:\n${formatProblems(parsed.problems)}`,
    };
  const template = parsed.value;

  const directory = normalizeDirectory(options.directory);
  if (directory === undefined) {
    return {
      ok: false,
      reason: 'invalid-input',
      error: `The directory "${options.directory}" must not contain ".." segments or NUL bytes; pass a plain path.`,
    };
  }
  const name = options.name ?? (directory === '.' ? undefined : posix.basename(directory));
  if (name === undefined)
    return {
      ok: false,
      reason: 'invalid-input',
      error: 'Pass --name: the workspace name cannot be taken from the directory ".".',
    };
  const nameProblem = explainInvalidName(name);
  if (nameProblem)
    return {
      ok: false,
      reason: 'invalid-input',
      error: `Invalid workspace name: ${nameProblem}. Pass --name to choose one.`,
    };
  const infra = options.infra ?? template.infra.default;
  const infraProblem = explainInvalidName(infra);
  if (infraProblem)
    return { ok: false, reason: 'invalid-input', error: `Invalid infra name: ${infraProblem}.` };
  if (template.infra.choices && !template.infra.choices.includes(infra)) {
    return {
      ok: false,
      reason: 'invalid-input',
      error: `Template "${template.name}" defines the infras ${template.infra.choices.join(', ')}; --infra must be one of them, not "${infra}".`,
    };
  }

  const variables: TemplateVariables = { name, infra };
  const rendered = new Map<string, string>();
  for (const [relative, content] of Object.entries(source.files).sort(([a], [b]) => a.localeCompare(b))) {
    const target = outputPath(relative, variables);
    if (target === undefined) {
      return {
        ok: false,
        reason: 'invalid-template',
        error: `Template "${template.name}" has a file outside its files/ folder: "${relative}".`,
      };
    }
    rendered.set(posix.join(directory, target), eta.renderString(content, variables));
  }

  const existing = [...rendered.keys()].filter((path) => tree.exists(path));
  if (existing.length > 0 && !options.force) {
    return {
      ok: false,
      reason: 'conflict',
      error: `Refusing to overwrite existing files (nothing was written): ${existing.join(', ')}. Choose an empty directory or pass --force.`,
    };
  }
  for (const [path, content] of rendered) tree.write(path, content);
  return { ok: true, template, name, infra, files: [...rendered.keys()] };
}

function normalizeDirectory(directory: string): string | undefined {
  if (directory.includes('\0')) return undefined;
  const normalized = posix.normalize(directory.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  if (normalized === '..' || normalized.startsWith('../') || normalized.split('/').includes('..'))
    return undefined;
  return normalized;
}

/** Substitutes `__name__`/`__infra__` in the path and refuses anything that would leave the workspace. */
function outputPath(relative: string, variables: TemplateVariables): string | undefined {
  const substituted = relative.replace(
    /__(name|infra)__/g,
    (_, key: keyof TemplateVariables) => variables[key],
  );
  const normalized = posix.normalize(substituted);
  if (posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../')) return undefined;
  return normalized;
}

import { basename, resolve } from 'node:path';
import { BUILTIN_TEMPLATES } from './builtin-templates.generated';
import { StagedDiskTree } from './disk-tree';
import { renderWorkspace, type RenderFailure } from './render-workspace';
import type { WorkspaceTemplateSource } from './workspace-template';

export const DEFAULT_TEMPLATE = 'minimal';

export interface InitWorkspaceOptions {
  /** Target folder, absolute or relative to the current directory; created when missing. */
  directory: string;
  /** Template name (default `minimal`). */
  template?: string;
  /** Workspace name (default: the folder's name). */
  name?: string;
  /** First infra's name (default: the template's). */
  infra?: string;
  force?: boolean;
}

export type InitWorkspaceResult =
  | { ok: true; root: string; template: string; name: string; infra: string; files: string[] }
  | { ok: false; reason: RenderFailure | 'unknown-template'; error: string };

/**
 * `provisioning workspace init`: renders a template onto disk outside any Nx workspace. Nothing is
 * written unless every check passes (the tree stages writes and flushes them at the end).
 */
export function initWorkspace(
  options: InitWorkspaceOptions,
  templates: Readonly<Record<string, WorkspaceTemplateSource>> = BUILTIN_TEMPLATES,
): InitWorkspaceResult {
  const templateName = options.template ?? DEFAULT_TEMPLATE;
  const source = Object.hasOwn(templates, templateName) ? templates[templateName] : undefined;
  if (!source) {
    return {
      ok: false,
      reason: 'unknown-template',
      error: `Unknown template "${templateName}"; available: ${Object.keys(templates).sort().join(', ')}.`,
    };
  }
  const root = resolve(options.directory);
  const tree = new StagedDiskTree(root);
  const rendered = renderWorkspace(tree, source, {
    directory: '.',
    name: options.name ?? basename(root),
    infra: options.infra,
    force: options.force,
  });
  if (!rendered.ok) return rendered;
  tree.flush();
  return {
    ok: true,
    root,
    template: templateName,
    name: rendered.name,
    infra: rendered.infra,
    files: rendered.files,
  };
}

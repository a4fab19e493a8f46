export { StagedDiskTree } from './disk-tree';
export { EMBEDDED_TEMPLATES_PATH, embeddedTemplatesModule } from './embed-templates';
export {
  renderWorkspace,
  type RenderFailure,
  type RenderWorkspaceOptions,
  type RenderWorkspaceResult,
  type TemplateVariables,
} from './render-workspace';
export { parseTemplateManifest, templateManifestSchema, type TemplateManifest } from './template-manifest';
export type { TemplateTree, WorkspaceTemplateSource } from './workspace-template';
export { BUILTIN_TEMPLATES } from './builtin-templates.generated';
export {
  DEFAULT_TEMPLATE,
  initWorkspace,
  type InitWorkspaceOptions,
  type InitWorkspaceResult,
} from './init-workspace';

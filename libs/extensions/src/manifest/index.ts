export { checkCoreCompatibility, checkDependencies, type CompatibilityProblem } from './compatibility';
export {
  EXTENSION_KINDS,
  EXTENSION_NAME_PATTERN,
  explainInvalidName,
  extensionId,
  extensionRoot,
  isExtensionKind,
  type ExtensionKind,
} from './extension-name';
export { manifestSchema, type ExtensionManifest } from './manifest-schema';
export { paramSchema, paramsSchema, type ParamSchema } from './params-schema';
export { parseManifest } from './parse-manifest';
export { parseYamlWithSchema } from './parse-yaml-document';
export { formatProblems, type ParseResult, type SourceProblem } from './source-problem';

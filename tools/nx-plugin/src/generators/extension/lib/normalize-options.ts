import { names, type Tree } from '@nx/devkit';
import {
  EXTENSION_KINDS,
  explainInvalidName,
  extensionId,
  extensionRoot,
  isExtensionKind,
  type ExtensionKind,
} from '@provisioning/extensions';
import type { ExtensionGeneratorSchema } from '../schema';

export interface NormalizedExtensionOptions {
  name: string;
  kind: ExtensionKind;
  description: string;
  /** `taskserv-redis`: project name and import path suffix. */
  id: string;
  importPath: string;
  /** `extensions/taskservs/redis`. */
  root: string;
  /** The exported symbol: `myThing` for my-thing. */
  propertyName: string;
  skipFormat: boolean;
}

/**
 * Checks the options before anything is written; every problem is an Error whose message says
 * what to pass instead, so a refused run leaves the tree untouched.
 */
export function normalizeOptions(tree: Tree, schema: ExtensionGeneratorSchema): NormalizedExtensionOptions {
  const name = schema.name?.trim() ?? '';
  const nameProblem = explainInvalidName(name);
  if (nameProblem) throw new Error(`Invalid extension name: ${nameProblem}.`);
  if (!isExtensionKind(schema.kind)) {
    throw new Error(`Unknown kind "${schema.kind}": use --kind ${EXTENSION_KINDS.join(', --kind ')}.`);
  }
  const kind = schema.kind;
  const description = (schema.description ?? `The ${name} ${kind}.`).trim();
  if (!description || /[\r\n]/.test(description)) {
    throw new Error('--description must be one non-empty line.');
  }
  for (const otherKind of EXTENSION_KINDS) {
    const existing = extensionRoot(otherKind, name);
    if (tree.exists(existing)) {
      throw new Error(
        `An extension named "${name}" already exists at ${existing}; names are unique across kinds, so choose another name.`,
      );
    }
  }
  const id = extensionId(kind, name);
  return {
    name,
    kind,
    description,
    id,
    importPath: `@provisioning/${id}`,
    root: extensionRoot(kind, name),
    propertyName: names(name).propertyName,
    skipFormat: schema.skipFormat ?? false,
  };
}

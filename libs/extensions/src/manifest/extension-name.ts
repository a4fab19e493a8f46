/** Kinds of extension a manifest can declare; each has a folder under extensions/ (`taskservs/`, ...). */
export const EXTENSION_KINDS = ['taskserv', 'provider', 'cluster'] as const;
export type ExtensionKind = (typeof EXTENSION_KINDS)[number];

/** Lower-case kebab-case, starting with a letter: safe as a folder, a package name and a shell word. */
export const EXTENSION_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const EXTENSION_NAME_MAX_LENGTH = 64;

export function isExtensionKind(value: string): value is ExtensionKind {
  return (EXTENSION_KINDS as readonly string[]).includes(value);
}

/** Why `name` is not a valid extension/template name, or undefined when it is. */
export function explainInvalidName(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > EXTENSION_NAME_MAX_LENGTH) {
    return `"${name}" is longer than ${EXTENSION_NAME_MAX_LENGTH} characters`;
  }
  if (!EXTENSION_NAME_PATTERN.test(name)) {
    return `"${name}" is not kebab-case (lower-case letters, digits and single dashes, starting with a letter, e.g. "my-thing")`;
  }
  return undefined;
}

/** The Nx project name and the id used in bundles and the registry: `taskserv-redis`. */
export function extensionId(kind: ExtensionKind, name: string): string {
  return `${kind}-${name}`;
}

/** Where an extension lives in the monorepo: `extensions/taskservs/redis`. */
export function extensionRoot(kind: ExtensionKind, name: string): string {
  return `extensions/${kind}s/${name}`;
}

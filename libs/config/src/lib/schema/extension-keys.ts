/**
 * Top-level keys starting with `x-` are the user's own (as in Docker Compose): a place to put
 * YAML anchors such as `x-defaults: &defaults` for `<<: *defaults` merges. Validation ignores them.
 */
export const EXTENSION_KEY = /^x-/;

export function withoutExtensionKeys(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !EXTENSION_KEY.test(key)));
}

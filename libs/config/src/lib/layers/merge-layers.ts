/** Where a value came from: the layer, and the exact place in it (`file:line:col`, `PROVISIONING_SSH_USER`, `--flag`). */
export interface ValueOrigin {
  layer: string;
  source?: string;
}

export interface Layer {
  /** e.g. `default`, `user`, `workspace`, `infra`, `env`, `flag`, `extension`. */
  layer: string;
  values: unknown;
  /** The place a value at `path` (relative to `values`) was written, when known. */
  describe?: (path: (string | number)[]) => string | undefined;
}

/** Merged values plus, for every leaf (dotted path), the layer that decided it. */
export interface LayeredValues {
  values: Record<string, unknown>;
  origins: Record<string, ValueOrigin>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  path: string[],
  layer: Layer,
  origins: Record<string, ValueOrigin>,
): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const childPath = [...path, key];
    if (isPlainObject(value)) {
      const existing = target[key];
      const child = isPlainObject(existing) ? { ...existing } : {};
      if (!isPlainObject(existing)) dropOrigins(origins, childPath.join('.'));
      target[key] = child;
      mergeInto(child, value, childPath, layer, origins);
      continue;
    }
    // A scalar or list replaces whatever lower layers had at this key, nested keys included.
    dropOrigins(origins, childPath.join('.'));
    target[key] = value;
    origins[childPath.join('.')] = { layer: layer.layer, source: layer.describe?.(childPath) };
  }
}

function dropOrigins(origins: Record<string, ValueOrigin>, dotted: string): void {
  for (const key of Object.keys(origins))
    if (key === dotted || key.startsWith(`${dotted}.`)) delete origins[key];
}

/**
 * Merges layers from lowest to highest precedence: mappings merge key by key, anything else
 * (scalars, lists) is replaced whole by the higher layer.
 */
export function mergeLayers(layers: readonly Layer[]): LayeredValues {
  const values: Record<string, unknown> = {};
  const origins: Record<string, ValueOrigin> = {};
  for (const layer of layers)
    if (isPlainObject(layer.values)) mergeInto(values, layer.values, [], layer, origins);
  return { values, origins };
}

/** The origin deciding `path`: the exact leaf, or the nearest ancestor that was set whole. */
export function originOf(
  layered: LayeredValues,
  path: readonly (string | number | symbol)[],
): ValueOrigin | undefined {
  for (let length = path.length; length > 0; length--) {
    const origin = layered.origins[path.slice(0, length).map(String).join('.')];
    if (origin) return origin;
  }
  return undefined;
}

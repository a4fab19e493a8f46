import { createHash } from 'node:crypto';

/**
 * What an operation was planned from, as digests per fact (`{ type, mode, sha256, content, ... }`
 * of a file): apply compares them with the facts it reads again, and names the facts that differ.
 * Digests only: a saved plan never carries file contents.
 */
export type FactsFingerprint = Record<string, string>;

export function factsFingerprint(facts: unknown): FactsFingerprint {
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return { value: digest(facts) };
  return Object.fromEntries(
    Object.entries(facts as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, digest(value)]),
  );
}

/** The facts that differ between two fingerprints (added, removed or changed), sorted. */
export function changedFacts(before: FactsFingerprint, after: FactsFingerprint): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]).sort();
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('hex')
    .slice(0, 16);
}

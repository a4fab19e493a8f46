/**
 * "Did you mean" for unknown keys and names. Edit distance counts an adjacent swap as one edit
 * (optimal string alignment), because the commonest typos in keys are swapped letters: `prot` is
 * one edit from `port`. That is why this is not `fastest-levenshtein` (plain Levenshtein makes
 * `prot`/`port` two edits, too far to suggest for a four-letter word).
 *
 * Cost is bounded for hostile input (thousands of unknown names against thousands of known ones):
 * candidates are indexed by length once per candidate set (only lengths within the allowed
 * distance are compared), the distance is computed in a band and abandoned past the limit, answers
 * are memoised per word, and a candidate set answers at most MAX_LOOKUPS distinct words; after that
 * it suggests nothing rather than spending minutes.
 */
export const MAX_LOOKUPS = 200;

/** Optimal string alignment distance, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i, ...Array<number>(b.length).fill(0)];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j], twoBack[j - 2] + 1);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}

function limitFor(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

class CandidateIndex {
  private readonly byLength = new Map<number, string[]>();
  private readonly answers = new Map<string, string | undefined>();

  constructor(candidates: Iterable<string>) {
    for (const candidate of candidates) {
      const bucket = this.byLength.get(candidate.length);
      if (bucket) bucket.push(candidate);
      else this.byLength.set(candidate.length, [candidate]);
    }
  }

  closest(word: string): string | undefined {
    if (this.answers.has(word)) return this.answers.get(word);
    if (this.answers.size >= MAX_LOOKUPS) return undefined;
    const limit = limitFor(word);
    const lower = word.toLowerCase();
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (let length = word.length - limit; length <= word.length + limit; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const distance = editDistance(lower, candidate.toLowerCase(), Math.min(limit, bestDistance - 1));
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    this.answers.set(word, best);
    return best;
  }
}

/**
 * Indexes are kept per candidate Set (validation builds one Set of names per infra and asks it once
 * per unknown reference), so the index, the memo and the lookup cap belong to that one check.
 */
const indexes = new WeakMap<object, CandidateIndex>();

function indexFor(candidates: Iterable<string>): CandidateIndex {
  if (candidates instanceof Set) {
    let index = indexes.get(candidates);
    if (!index) indexes.set(candidates, (index = new CandidateIndex(candidates)));
    return index;
  }
  return new CandidateIndex(candidates);
}

/**
 * The closest candidate when it is close enough to be a plausible typo: at most a third of the
 * word's length (and at least one edit), so `prot` suggests `port` but `zzz` suggests nothing.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  return indexFor(candidates).closest(word);
}

/** `; did you mean "port"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}

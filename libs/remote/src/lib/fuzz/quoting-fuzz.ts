import { quote, type Executor } from '@provisioning/sdk';

/**
 * A seeded generator of hostile shell arguments and a checker that sends them through `quote` and
 * `printf` on a real host, comparing the bytes that come back. Same seed, same strings, on any
 * machine: a failure is reproducible from the seed and the index it reports.
 */

/** mulberry32: small, fast, and good enough to spread fuzz inputs; not for cryptography. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHELL_SPECIALS = [...`'"\`$()|&;<>*?[]{}~!#=%\\^ \t\n\r`];
const TRICKY_SEQUENCES = [
  "'\\''",
  '$(id)',
  '`id`',
  '${PATH}',
  '$((1+1))',
  "'; rm -rf / #",
  '\\n',
  '-n',
  '--',
  '-e',
  '%s',
  '%%',
  '\\',
  "\\'",
  '"\'"',
  '$IFS',
  '*',
  '~root',
  '\r\n',
];
const CONTROL_CHARACTERS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).concat('\x7f');
const NON_ASCII = [
  'é',
  'ü',
  'ß',
  'ø',
  'Ω',
  'ж',
  'ع',
  'א',
  '日本',
  '中文',
  '한',
  '✓',
  '€',
  '\u00a0',
  '\u200b',
  '\u202e',
  'e\u0301',
  '😀',
  '👩‍👩‍👧',
  '𝕏',
  '\ufeff',
];
const PLAIN = [...'abcxyzABCXYZ0129_-./:,@+'];

export interface FuzzOptions {
  seed?: number;
  count?: number;
  /** Longest string generated (in pieces, each 1–5 characters). */
  maxPieces?: number;
}

/** `count` strings mixing quotes, `;|&$()`, backticks, newlines, control and non-ASCII characters (never NUL). */
export function generateFuzzStrings({
  seed = 1,
  count = 10_000,
  maxPieces = 24,
}: FuzzOptions = {}): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    const pieces = Math.floor(random() * (maxPieces + 1));
    let value = '';
    for (let p = 0; p < pieces; p++) {
      const roll = random();
      if (roll < 0.35) value += pick(SHELL_SPECIALS);
      else if (roll < 0.5) value += pick(TRICKY_SEQUENCES);
      else if (roll < 0.6) value += pick(CONTROL_CHARACTERS);
      else if (roll < 0.75) value += pick(NON_ASCII);
      else value += pick(PLAIN);
    }
    strings.push(value);
  }
  return strings;
}

export interface FuzzMismatch {
  readonly index: number;
  readonly expected: string;
  /** What came back, decoded as UTF-8 (the comparison itself is on bytes). */
  readonly actual: string;
}

export interface FuzzReport {
  readonly host: string;
  readonly checked: number;
  readonly batches: number;
  readonly mismatches: readonly FuzzMismatch[];
  readonly durationMs: number;
}

export interface RoundTripOptions {
  /** Strings per command (one `printf` with many arguments). Default 250. */
  batchSize?: number;
  /** Commands in flight at once (channels on the connection). Default 4. */
  concurrency?: number;
}

/**
 * Runs `printf '%s\0' <quoted strings>` on the host for each batch and compares the bytes printed
 * with the UTF-8 bytes of each string. Returns every mismatch; an empty list means all
 * round-tripped byte-exact.
 */
export async function checkQuotingRoundTrip(
  executor: Executor,
  strings: readonly string[],
  { batchSize = 250, concurrency = 4 }: RoundTripOptions = {},
): Promise<FuzzReport> {
  const started = performance.now();
  const batches: Array<{ first: number; values: readonly string[] }> = [];
  for (let first = 0; first < strings.length; first += batchSize)
    batches.push({ first, values: strings.slice(first, first + batchSize) });
  const mismatches: FuzzMismatch[] = [];
  const pending = [...batches];
  const worker = async () => {
    for (let batch = pending.shift(); batch; batch = pending.shift()) {
      const chunks: Buffer[] = [];
      const commandLine = `printf '%s\\000' ${batch.values.map((value) => quote(value)).join(' ')}`;
      const result = await executor.exec(commandLine, { onStdout: (chunk) => chunks.push(chunk) });
      if (result.code !== 0)
        throw new Error(
          `${executor.host}: printf batch starting at index ${batch.first} exited ${result.code}: ${result.stderr}`,
        );
      const fields = splitOnNul(Buffer.concat(chunks));
      const first = batch.first;
      batch.values.forEach((expected, position) => {
        const actual = fields[position] ?? Buffer.alloc(0);
        if (!actual.equals(Buffer.from(expected, 'utf8')))
          mismatches.push({ index: first + position, expected, actual: actual.toString('utf8') });
      });
      if (fields.length !== batch.values.length) {
        mismatches.push({
          index: first,
          expected: `${batch.values.length} NUL-terminated fields`,
          actual: `${fields.length} fields`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return {
    host: executor.host,
    checked: strings.length,
    batches: batches.length,
    mismatches: mismatches.sort((a, b) => a.index - b.index),
    durationMs: performance.now() - started,
  };
}

function splitOnNul(bytes: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let nul = bytes.indexOf(0, start); nul >= 0; nul = bytes.indexOf(0, start)) {
    fields.push(bytes.subarray(start, nul));
    start = nul + 1;
  }
  return fields;
}

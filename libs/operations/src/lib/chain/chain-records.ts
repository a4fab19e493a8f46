import { randomBytes } from 'node:crypto';

/**
 * What a chain script reports, one line per record on its own stdout: `<nonce> <index> <event>
 * [<detail>]`. Nothing else reaches that stream: every fragment's stdout is sent to stderr and the
 * record descriptor is closed for it, so no command, file content or guard output can write a
 * record, and the per-run nonce makes a line that looks like one (on stderr, say) tell itself apart.
 */
export type ChainEvent =
  /** The operation's change starts (live progress). */
  | 'start'
  | 'changed'
  | 'unchanged'
  /** The change exited non-zero: detail is the exit code. */
  | 'failed'
  /** The plan said it cannot run (and the facts are still those it was planned from). */
  | 'error'
  /** Facts differ from the plan's (detail: base64 of the facts now); the host was not changed. */
  | 'stale'
  /** A known-after-apply operation whose facts differ from plan time (detail: base64 of them); the chain stops before it. */
  | 'undecided'
  /** The script ran to its end (index END_INDEX). */
  | 'end';

export interface ChainRecord {
  index: number;
  event: ChainEvent;
  detail: string;
}

const EVENTS = new Set<string>([
  'start',
  'changed',
  'unchanged',
  'failed',
  'error',
  'stale',
  'undecided',
  'end',
]);

export const newNonce = () => `@@PROV-${randomBytes(12).toString('hex')}`;

/** The last record of a script that ran to its end. */
export const END_INDEX = -1;

/** Reads records from stdout arriving in chunks, calling back for each complete record line. */
export class ChainRecordReader {
  private pending = '';
  readonly records: ChainRecord[] = [];

  constructor(
    private readonly nonce: string,
    private readonly onRecord: (record: ChainRecord) => void = () => undefined,
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += chunk.toString();
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const text of lines) this.line(text);
  }

  /** The whole stdout at once (an executor that does not stream); lines already seen are skipped. */
  finish(stdout: string, streamed: boolean): ChainRecord[] {
    if (!streamed) this.push(stdout);
    if (this.pending) this.line(this.pending);
    this.pending = '';
    return this.records;
  }

  private line(text: string): void {
    const [nonce, index, event, detail = ''] = text.split(' ');
    if (nonce !== this.nonce || !EVENTS.has(event) || !/^-?\d+$/.test(index)) return;
    const record = { index: Number(index), event: event as ChainEvent, detail };
    this.records.push(record);
    this.onRecord(record);
  }
}

/** The stderr one operation wrote: between its marker and the next one. */
export function operationStderr(stderr: string, nonce: string, index: number): string {
  const begin = `\n${nonce} op ${index}\n`;
  const at = stderr.lastIndexOf(begin);
  if (at < 0) return '';
  const rest = stderr.slice(at + begin.length);
  const next = rest.indexOf(`\n${nonce} `);
  return next < 0 ? rest : rest.slice(0, next);
}

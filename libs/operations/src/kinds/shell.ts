import { quote } from '@provisioning/sdk';
import type { ShellOperation } from '@provisioning/sdk';
import { FactLines } from '../lib/facts-format';
import type { OperationHandler } from '../lib/handler';

export interface ShellFacts {
  createsExists?: boolean;
  unlessCode?: number;
  onlyIfCode?: number;
}

const exports = (op: ShellOperation) =>
  Object.entries(op.env ?? {})
    .map(([name, value]) => `export ${name}=${quote(value)}`)
    .join('\n');

/** A command made idempotent by guards, which run (silently) in the facts round trip. */
/** A command with none of creates/unless/onlyIf: it runs on every apply, by declaration. */
export const isUnguarded = (op: ShellOperation) => !op.creates && !op.unless && !op.onlyIf;

const runSummary = (op: ShellOperation) =>
  `run: ${op.description ?? op.command}${isUnguarded(op) ? ' (no guard: runs on every apply)' : ''}`;

export const shellHandler: OperationHandler<ShellOperation, ShellFacts> = {
  kind: 'shell',

  factsScript: (op) =>
    [
      exports(op),
      op.creates ? `if [ -e ${quote(op.creates)} ]; then echo creates=yes; else echo creates=no; fi` : '',
      op.unless ? `( ${op.unless}\n) >/dev/null 2>&1; echo "unless=$?"` : '',
      op.onlyIf ? `( ${op.onlyIf}\n) >/dev/null 2>&1; echo "onlyIf=$?"` : '',
      ':',
    ]
      .filter(Boolean)
      .join('\n'),

  parseFacts(text) {
    const facts = new FactLines(text);
    const code = (key: string) => (facts.get(key) === undefined ? undefined : Number(facts.get(key)));
    return {
      createsExists: facts.get('creates') === undefined ? undefined : facts.get('creates') === 'yes',
      unlessCode: code('unless'),
      onlyIfCode: code('onlyIf'),
    };
  },

  diff(op, facts) {
    if (op.creates && facts.createsExists) return { changed: false, summary: `skip: ${op.creates} exists` };
    if (op.unless && facts.unlessCode === 0)
      return { changed: false, summary: 'skip: unless-command succeeded' };
    if (op.onlyIf && facts.onlyIfCode !== 0)
      return { changed: false, summary: `skip: onlyIf-command failed (exit ${facts.onlyIfCode})` };
    return { changed: true, summary: runSummary(op) };
  },

  changeScript: (op) => [exports(op), op.command].filter(Boolean).join('\n'),

  hostDecision: (op) => ({
    script: [
      exports(op),
      op.creates ? `[ ! -e ${quote(op.creates)} ] || exit 10` : '',
      op.unless ? `! ( ${op.unless}\n) >/dev/null 2>&1 || exit 11` : '',
      op.onlyIf ? `( ${op.onlyIf}\n) >/dev/null 2>&1 || exit 12` : '',
      'exit 0',
    ]
      .filter(Boolean)
      .join('\n'),
    runs: runSummary(op),
    skips: {
      10: `skip: ${op.creates} exists`,
      11: 'skip: unless-command succeeded',
      12: 'skip: onlyIf-command failed',
    },
  }),

  paths: (op) => (op.creates ? [op.creates] : []),
};

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationSchema } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost, prepareOperation } from '../lib/plan';
import { composeFactsScript } from '../lib/sections';
import { compileChain } from '../lib/chain/compile-chain';
import { serveFiles } from '../testing/http-fixture';
import { LocalTestExecutor } from '../testing/local-executor';
import { EXAMPLE_PAYLOAD } from './download.examples';
import { operationExamples } from './examples';
import { handlerFor } from './registry';

let server: Awaited<ReturnType<typeof serveFiles>>;
beforeAll(async () => {
  server = await serveFiles({ '/tool': EXAMPLE_PAYLOAD });
});
afterAll(() => server.close());

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'examples-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const KINDS = [
  'file',
  'template',
  'line',
  'directory',
  'link',
  'absent',
  'shell',
  'download',
  'user',
  'group',
  'package',
  'service',
];
const examplesOf = (kind: string) => operationExamples(server.url)[kind];

describe('operation examples', () => {
  it('exist for every operation kind, as valid operation data', () => {
    expect(Object.keys(operationExamples('http://x')).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      expect(examplesOf(kind).length).toBeGreaterThan(0);
      for (const example of examplesOf(kind))
        for (const op of example.operations('/srv')) expect(operationSchema.safeParse(op).success).toBe(true);
    }
  });

  it.each(['file', 'template', 'line', 'directory', 'link', 'shell', 'download'])(
    '%s examples converge on this machine: apply changes, a second plan changes nothing',
    async (kind) => {
      for (const example of examplesOf(kind)) {
        const executor = new LocalTestExecutor();
        const operations = example.operations(root);
        const applied = await applyHost(executor, await planHost(executor, operations));
        expect({ example: example.title, status: applied.status, error: applied.error?.message }).toEqual({
          example: example.title,
          status: 'ok',
          error: undefined,
        });
        expect(applied.changed).toBeGreaterThan(0);
        const again = await planHost(executor, operations);
        expect({
          example: example.title,
          changes: again.operations.filter((op) => op.status !== 'unchanged').map((op) => op.summary),
        }).toEqual({ example: example.title, changes: [] });
      }
    },
  );

  it('absent examples remove what exists and then report nothing to do', async () => {
    for (const example of examplesOf('absent')) {
      const executor = new LocalTestExecutor();
      const operations = example.operations(root);
      for (const op of operations) {
        if (op.kind !== 'absent') continue;
        const create = op.recursive
          ? 'mkdir -p "$1" && touch "$1/x"'
          : 'mkdir -p "$(dirname "$1")" && touch "$1"';
        execFileSync('/bin/sh', ['-c', create, 'sh', op.path]);
      }
      const applied = await applyHost(executor, await planHost(executor, operations));
      expect({ example: example.title, status: applied.status, error: applied.error?.message }).toEqual({
        example: example.title,
        status: 'ok',
        error: undefined,
      });
      expect((await planHost(executor, operations)).changes).toBe(0);
    }
  });

  it.each(['user', 'group', 'package', 'service'])(
    '%s examples (run for real by the testbed) compose scripts that /bin/sh accepts',
    async (kind) => {
      for (const example of examplesOf(kind)) {
        const ops = await Promise.all(example.operations('/').map((op) => prepareOperation(op, root)));
        const facts = composeFactsScript(
          '@@M',
          ops.map((op) => handlerFor(op).factsScript(op)),
        );
        const parsed = ops.map((op) => handlerFor(op).parseFacts('manager=apt\nsystemd=yes\n', op));
        // Every other operation known after apply, so the chain holds both planned and host-decided forms.
        const steps = ops.map((op, index) => ({
          index,
          op: {
            id: op.id,
            kind: op.kind,
            status: index % 2 ? ('known-after-apply' as const) : ('change' as const),
            summary: '',
            operation: op,
            facts: parsed[index],
            observed: 'rc=0',
            provisional: { status: 'change' as const, summary: '' },
          },
        }));
        const chain = compileChain('@@M', steps, new Set());
        expect(() => execFileSync('/bin/sh', ['-n'], { input: facts + chain.script })).not.toThrow();
      }
    },
  );
});

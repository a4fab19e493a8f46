import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationSchema } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import type { OperationExample } from '../lib/example';
import { prepareOperation } from '../lib/plan';
import { planHost } from '../lib/plan';
import { composeChangeScript, composeFactsScript } from '../lib/sections';
import { LocalTestExecutor } from '../testing/local-executor';
import { serveFiles } from '../testing/http-fixture';
import { directoryExamples } from './directory.examples';
import { downloadExamples, EXAMPLE_PAYLOAD } from './download.examples';
import { fileExamples } from './file.examples';
import { lineExamples } from './line.examples';
import { handlerFor } from './registry';
import { shellExamples } from './shell.examples';
import { systemExamples } from './system.examples';

let server: Awaited<ReturnType<typeof serveFiles>>;
beforeAll(async () => {
  server = await serveFiles({ '/tool': EXAMPLE_PAYLOAD });
});
afterAll(() => server.close());

const all = (): OperationExample[] => [...fileExamples, ...lineExamples, ...directoryExamples, ...shellExamples, ...downloadExamples(server.url), ...systemExamples];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'examples-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('operation examples', () => {
  it('are valid operation data', () => {
    for (const example of all()) for (const op of example.operations('/srv')) expect(operationSchema.safeParse(op).success).toBe(true);
  });

  it.each(['file', 'line', 'directory', 'shell', 'download'])('%s examples converge locally: apply changes, a second plan changes nothing', async (kind) => {
    const byKind: Record<string, OperationExample[]> = { file: fileExamples, line: lineExamples, directory: directoryExamples, shell: shellExamples, download: downloadExamples(server.url) };
    for (const example of byKind[kind]) {
      const executor = new LocalTestExecutor();
      const operations = example.operations(root);
      const applied = await applyHost(executor, await planHost(executor, operations));
      expect({ example: example.title, status: applied.status, error: applied.error?.message }).toEqual({ example: example.title, status: 'ok', error: undefined });
      expect(applied.changed).toBeGreaterThan(0);
      const again = await planHost(executor, operations);
      expect({ example: example.title, changes: again.operations.filter((op) => op.status !== 'unchanged').map((op) => op.summary) }).toEqual({ example: example.title, changes: [] });
    }
  });

  it('systemd-host examples compose facts and change scripts that /bin/sh accepts', async () => {
    for (const example of systemExamples) {
      const ops = await Promise.all(example.operations('/').map((op) => prepareOperation(op, root)));
      const facts = composeFactsScript('@@M', ops.map((op) => handlerFor(op).factsScript(op)));
      const emptyFacts = ops.map((op) => handlerFor(op).parseFacts('manager=apt\nsystemd=yes\n', op));
      const changes = composeChangeScript(
        '@@M',
        ops.map((op, index) => ({ index, script: handlerFor(op).changeScript(op, emptyFacts[index] as never, { changed: () => true }) })),
      );
      expect(() => execFileSync('/bin/sh', ['-n'], { input: facts + changes })).not.toThrow();
    }
  });
});

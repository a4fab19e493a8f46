import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import runExecutor from './executor';

describe('build executor', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-executor-'));
    mkdirSync(join(root, 'ext/src'), { recursive: true });
    writeFileSync(join(root, 'ext/src/helper.ts'), 'export const port: number = 6379;\n');
    writeFileSync(
      join(root, 'ext/src/index.ts'),
      "import { quote } from '@provisioning/sdk';\nimport { port } from './helper';\nexport const thing = { port, q: quote('a b') };\n",
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (outputPath: string) =>
    runExecutor({ entry: 'ext/src/index.ts', outputPath }, { root } as ExecutorContext);

  it('bundles local modules into one CommonJS file and leaves the sdk to the loader', async () => {
    await expect(run('dist/ext')).resolves.toEqual({ success: true });
    const output = readFileSync(join(root, 'dist/ext/index.js'), 'utf8');
    expect(output).toContain('6379');
    expect(output).toContain('require("@provisioning/sdk")');
  });

  it('emits the same bytes on every build', async () => {
    await run('dist/a');
    await run('dist/b');
    expect(readFileSync(join(root, 'dist/b/index.js'))).toEqual(readFileSync(join(root, 'dist/a/index.js')));
  });

  it('fails with a clear result when the entry is missing', async () => {
    const result = await runExecutor({ entry: 'nope/src/index.ts', outputPath: 'dist/x' }, {
      root,
    } as ExecutorContext);
    expect(result).toEqual({ success: false });
  });
});

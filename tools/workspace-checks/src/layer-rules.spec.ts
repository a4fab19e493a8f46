import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const forbidden = [
  ['sdk imports engine', 'libs/sdk/src/probe.ts', "import '@provisioning/engine';"],
  ['a lib imports another lib', 'libs/config/src/probe.ts', "import '@provisioning/remote';"],
  ['a lib imports engine', 'libs/store/src/probe.ts', "import '@provisioning/engine';"],
  [
    'engine imports the distribution layer',
    'libs/engine/src/probe.ts',
    "import '@provisioning/distribution';",
  ],
  ['a lib imports a tool', 'libs/operations/src/probe.ts', "import '@provisioning/testbed';"],
  [
    'the cli imports remote (it must go through the engine)',
    'apps/cli/src/commands/probe.ts',
    "import '@provisioning/remote';",
  ],
  [
    'the cli imports store (it must go through the engine)',
    'apps/cli/src/commands/probe.ts',
    "import type { StateStore } from '@provisioning/store';",
  ],
] as const;

const allowed = [
  [
    'engine imports sdk and libs',
    'libs/engine/src/probe.ts',
    "import '@provisioning/sdk';\nimport '@provisioning/config';",
  ],
  ['the cli imports engine', 'apps/cli/src/probe.ts', "import '@provisioning/engine';"],
  ['a tool imports a lib', 'tools/nx-plugin/src/probe.ts', "import '@provisioning/extensions';"],
  [
    'a cli test imports store to inspect state',
    'apps/cli/src/commands/probe.spec.ts',
    "import '@provisioning/store';",
  ],
] as const;

describe('layer rules of DESIGN.md, enforced by lint', () => {
  let messages: string[][];

  beforeAll(() => {
    const cases = [...forbidden, ...allowed].map(([, file, code]) => ({
      file,
      code: `${code}\nexport const probe = 1;\n`,
    }));
    const stdout = execFileSync(process.execPath, [join(__dirname, 'lint-probe.js')], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    messages = JSON.parse(stdout) as string[][];
  }, 120_000);

  it.each(forbidden.map((c, index) => [c[0], index] as const))('fails when %s', (_name, index) => {
    expect(messages[index]).toHaveLength(1);
    // An upward import into a layer that already depends on this one is reported as the cycle it
    // makes; any other as the tag rule it breaks. Either way lint fails.
    expect(messages[index][0]).toMatch(
      /A project tagged with "layer:\w+" can only depend on libs tagged with|^Circular dependency between|the CLI (talks to hosts|reads state) through @provisioning\/engine/,
    );
  });

  it.each(allowed.map((c, index) => [c[0], forbidden.length + index] as const))(
    'passes when %s',
    (_name, index) => {
      expect(messages[index]).toEqual([]);
    },
  );
});

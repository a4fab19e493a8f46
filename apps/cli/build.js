// Bundles the CLI with esbuild: dist/apps/cli/main.mjs plus lazily loaded chunks. ESM output is
// what lets esbuild split: `provisioning --version` compiles only the 140 KiB entry (commander and
// the command definitions), not the 1.6 MiB of zod, yaml, ssh and engine code the handlers need;
// compiling one big CommonJS bundle cost about 100 ms at every start (docs/benchmarks.md).
// Native and optional-binding packages stay external, resolved from node_modules at run time.
'use strict';
const { build } = require('esbuild');
const { chmodSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

// Packages left outside the bundle (native bindings, optional binaries, Nx itself).
const EXTERNAL = [
  'ssh2',
  'cpu-features',
  'libsql',
  '@nx/devkit',
  'nx',
  'prettier',
  'ts-morph',
  'typescript',
  'esbuild',
];

/**
 * Node's ESM loader cannot see the named exports of CommonJS packages such as ssh2
 * (`import { utils } from 'ssh2'` fails at run time). Route every external through a CommonJS
 * shim that calls require(), so esbuild's own interop hands out the named exports.
 */
const externalsThroughRequire = {
  name: 'externals-through-require',
  setup(build) {
    const filter = new RegExp(`^(${EXTERNAL.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?$`);
    build.onResolve({ filter }, (args) =>
      // The shim's own require() stays a real, external require (the banner's createRequire).
      args.namespace === 'external-cjs'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'external-cjs' },
    );
    build.onLoad({ filter: /.*/, namespace: 'external-cjs' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};
// PROVISIONING_CLI_OUTDIR lets the bundle test build into a temp dir.
const outdir = path.resolve(process.env.PROVISIONING_CLI_OUTDIR ?? path.join(root, 'dist/apps/cli'));
const entry = path.join(outdir, 'main.mjs');

async function main() {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: path.join(__dirname, 'src/main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    tsconfig: path.join(__dirname, 'tsconfig.lib.json'),
    // Bundled CommonJS packages call require() for Node built-ins and the external packages.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    plugins: [externalsThroughRequire],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  chmodSync(entry, 0o755);
  writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  const kib = (file) => (result.metafile.outputs[path.relative(process.cwd(), file)]?.bytes ?? 0) / 1024;
  const total =
    Object.entries(result.metafile.outputs)
      .filter(([f]) => f.endsWith('.mjs'))
      .reduce((sum, [, o]) => sum + o.bytes, 0) / 1024;
  console.log(
    `built ${path.relative(process.cwd(), entry)} (${kib(entry).toFixed(0)} KiB at start, ${total.toFixed(0)} KiB with its chunks)`,
  );
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

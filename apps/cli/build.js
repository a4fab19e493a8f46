// Bundles the CLI into one CommonJS file with esbuild. Native and optional-binding packages stay
// external (they are resolved from node_modules at run time); everything else is inlined, and
// command handlers stay lazy because esbuild defers modules reached only through import().
'use strict';
const { build } = require('esbuild');
const { chmodSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const outfile = path.join(root, 'dist/apps/cli/main.js');

async function main() {
  const result = await build({
    entryPoints: [path.join(__dirname, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: path.join(__dirname, 'tsconfig.lib.json'),
    banner: { js: '#!/usr/bin/env node' },
    external: ['ssh2', 'cpu-features', 'libsql', '@nx/devkit', 'nx', 'prettier', 'ts-morph', 'typescript'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  chmodSync(outfile, 0o755);
  writeFileSync(path.join(root, 'dist/apps/cli/meta.json'), JSON.stringify(result.metafile));
  const bytes = result.metafile.outputs[path.relative(process.cwd(), outfile)]?.bytes;
  console.log(`built ${path.relative(root, outfile)}${bytes ? ` (${(bytes / 1024).toFixed(0)} KiB)` : ''}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

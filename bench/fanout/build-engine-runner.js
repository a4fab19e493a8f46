// Bundles src/engine-run.ts into dist/bench/fanout/engine-run.js (one CommonJS file, like the CLI's
// bundle: native and optional-binding packages stay external), so the timed runs pay Node's start
// and nothing for compiling TypeScript.
'use strict';
const { build } = require('esbuild');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
build({
  entryPoints: [path.join(__dirname, 'src/engine-run.ts')],
  outfile: path.join(root, 'dist/bench/fanout/engine-run.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: path.join(root, 'tsconfig.base.json'),
  external: ['ssh2', 'cpu-features', 'libsql'],
  logLevel: 'warning',
  legalComments: 'none',
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});

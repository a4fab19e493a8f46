// Bundles the MCP server with esbuild into dist/apps/mcp-server/main.js (CommonJS, one file), the
// program `provisioning mcp` runs beside the CLI. Kept out of the CLI's bundle so the CLI's start-up
// does not grow. Native and optional-binding packages stay external, resolved from node_modules.
'use strict';
const { build } = require('esbuild');
const { chmodSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const outdir = path.resolve(process.env.PROVISIONING_MCP_OUTDIR ?? path.join(root, 'dist/apps/mcp-server'));

async function main() {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(__dirname, 'src/main.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: path.join(__dirname, 'tsconfig.lib.json'),
    banner: { js: '#!/usr/bin/env node' },
    // pg-native is pg's optional libpq binding (not used); esbuild (bundling linked extensions) and the
    // rest carry native or optional binaries.
    external: ['ssh2', 'cpu-features', 'libsql', 'pg-native', 'esbuild'],
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
  chmodSync(path.join(outdir, 'main.js'), 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Bundles the orchestrator with esbuild into dist/apps/orchestrator/main.js (CommonJS, one file).
// Native and optional-binding packages stay external, resolved from node_modules at run time.
// The control center (apps/control-center: index.html, app.js, app.css) ships beside it in
// control-center/, where main.js serves it from.
'use strict';
const { build } = require('esbuild');
const { chmodSync, rmSync } = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const outdir = path.resolve(
  process.env.PROVISIONING_ORCHESTRATOR_OUTDIR ?? path.join(root, 'dist/apps/orchestrator'),
);

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
    // pg-native is pg's optional libpq binding (not used); esbuild (bundling linked extensions) finds
    // its own binary at run time; the rest carry native or optional binaries.
    external: ['ssh2', 'cpu-features', 'libsql', 'pg-native', 'esbuild'],
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
  chmodSync(path.join(outdir, 'main.js'), 0o755);
  // Its own build script, run as a program (one project does not import another's files).
  execFileSync(process.execPath, [path.join(root, 'apps/control-center/build.js')], {
    stdio: 'inherit',
    env: { ...process.env, PROVISIONING_CONTROL_CENTER_OUTDIR: path.join(outdir, 'control-center') },
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

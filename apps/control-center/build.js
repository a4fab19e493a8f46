// Bundles the control center (a static page over the orchestrator's API) with esbuild:
// index.html, app.js and app.css, into dist/apps/control-center or $PROVISIONING_CONTROL_CENTER_OUTDIR.
// The orchestrator's build runs it with that variable to ship the page beside its main.js.
'use strict';
const { build } = require('esbuild');
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

/** Writes index.html, app.js and app.css into `outdir` (emptied first). */
async function buildControlCenter(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: path.join(__dirname, 'src/main.ts') },
    outdir,
    bundle: true,
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    format: 'iife',
    minify: true,
    tsconfig: path.join(__dirname, 'tsconfig.lib.json'),
    logLevel: 'warning',
    legalComments: 'none',
  });
  copyFileSync(path.join(__dirname, 'src/index.html'), path.join(outdir, 'index.html'));
  copyFileSync(path.join(__dirname, 'src/app.css'), path.join(outdir, 'app.css'));
}

module.exports = { buildControlCenter };

if (require.main === module) {
  buildControlCenter(
    path.resolve(
      process.env.PROVISIONING_CONTROL_CENTER_OUTDIR ?? path.join(root, 'dist/apps/control-center'),
    ),
  ).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

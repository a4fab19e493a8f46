import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { ExtensionError } from '../errors';

/** Modules the loader hands an extension at run time, so it shares the core's instances (one zod, one sdk). */
export const PROVIDED_BY_CORE = ['@provisioning/sdk', 'zod'] as const;

/**
 * How an extension's `src/index.ts` becomes `dist/index.js`: one CommonJS file for Node 20 with
 * the core's modules left out. The Nx build executor and `extension link` both use this.
 */
export function extensionBundleOptions(
  entry: string,
  outfile: string,
  workingDir: string,
  external: readonly string[] = [],
): BuildOptions {
  const tsconfig = join(dirname(dirname(entry)), 'tsconfig.lib.json');
  return {
    entryPoints: [entry],
    outfile,
    // Paths in the output (comments) are relative to this, so every clone emits the same bytes.
    absWorkingDir: workingDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [...PROVIDED_BY_CORE, ...external],
    tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** Is `dist/index.js` older than anything under src/ or the manifest? Then a linked extension is rebuilt. */
export function isBuildStale(dir: string): boolean {
  const output = join(dir, 'dist', 'index.js');
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return newestMtime(join(dir, 'src')) > built || statSync(join(dir, 'manifest.yaml')).mtimeMs > built;
}

/** Builds a linked extension's dist/index.js from its src/index.ts (esbuild, loaded only here). */
export function bundleLinkedExtension(dir: string): void {
  const entry = join(dir, 'src', 'index.ts');
  if (!existsSync(entry))
    throw new ExtensionError(
      'load',
      `${entry} does not exist; a linked extension needs src/index.ts.`,
      'make one with `provisioning extension new NAME --kind taskserv`.',
    );
  let esbuild: typeof import('esbuild');
  try {
    // A plain require: esbuild is resolved at run time, from the CLI's own node_modules.
    esbuild = require('esbuild') as typeof import('esbuild');
  } catch {
    throw new ExtensionError(
      'load',
      `building the linked extension ${dir} needs esbuild, which this installation lacks.`,
      'build it yourself (dist/index.js), or install provisioning with its development dependencies.',
    );
  }
  try {
    esbuild.buildSync(extensionBundleOptions(entry, join(dir, 'dist', 'index.js'), dir));
  } catch (error) {
    throw new ExtensionError(
      'load',
      `building the linked extension ${dir} failed: ${(error as Error).message.split('\n').slice(0, 6).join('\n')}`,
      'fix the error in its src/ and run the command again.',
    );
  }
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

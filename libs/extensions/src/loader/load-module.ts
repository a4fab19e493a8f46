import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { compileFunction } from 'node:vm';
import { ExtensionError } from '../errors';

/**
 * Runs a CommonJS bundle (an extension's dist/index.js) and returns its exports. `provided`
 * answers `require()` of the core's own modules, so the extension uses this process's sdk and
 * zod (instanceof and zod schemas work across the boundary); anything else resolves from the
 * bundle's folder. Code runs with the CLI's rights: only install extensions you trust (signatures).
 */
export function loadCommonJsBundle(
  file: string,
  provided: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ExtensionError(
      'load',
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      'reinstall the extension, or build it (dist/index.js).',
    );
  }
  const fallback = createRequire(file);
  const requireFor = (id: string): unknown => (Object.hasOwn(provided, id) ? provided[id] : fallback(id));
  const module = { exports: {} as Record<string, unknown> };
  try {
    const run = compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], {
      filename: file,
    });
    run(module.exports, requireFor, module, file, dirname(file));
  } catch (error) {
    throw new ExtensionError(
      'load',
      `${file} failed while loading: ${(error as Error).message}`,
      'the extension is broken or built for another core; reinstall or rebuild it.',
    );
  }
  return module.exports;
}

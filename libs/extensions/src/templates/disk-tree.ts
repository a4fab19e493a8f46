import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TemplateTree } from './workspace-template';

/**
 * A TemplateTree over a real directory that stages writes in memory until `flush()`, like Nx's
 * FsTree + flushChanges. It exists because FsTree cannot go into the CLI's esbuild bundle: it
 * reaches Nx's daemon logger and native bindings (`.node` files, ts-node, @swc/wasm).
 */
export class StagedDiskTree implements TemplateTree {
  private readonly staged = new Map<string, string>();

  constructor(readonly root: string) {}

  exists(path: string): boolean {
    return this.staged.has(path) || existsSync(this.absolute(path));
  }

  write(path: string, content: string): void {
    this.staged.set(path, content);
  }

  /** Paths written so far, relative to the root, in write order. */
  changes(): string[] {
    return [...this.staged.keys()];
  }

  /** Writes every staged file to disk (creating folders) and returns their absolute paths. */
  flush(): string[] {
    const written: string[] = [];
    for (const [path, content] of this.staged) {
      const target = this.absolute(path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      written.push(target);
    }
    this.staged.clear();
    return written;
  }

  private absolute(path: string): string {
    const root = resolve(this.root);
    const target = resolve(root, path);
    if (target !== root && !target.startsWith(`${root}/`)) {
      throw new Error(`Refusing to touch "${path}": it resolves outside ${root}.`);
    }
    return join(target);
  }
}

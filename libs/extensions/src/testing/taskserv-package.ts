import { stringify } from 'yaml';
import { z } from 'zod';
import { paramsJsonSchemaOf } from '../loader/check-definition';
import { gzipTar, type RawTarEntry } from './raw-tar';

export interface TestTaskservPackage {
  name: string;
  version: string;
  core?: string;
  dependencies?: Record<string, string>;
  /** Where its one directory operation points by default; change it to make a version that plans differently. */
  directory?: string;
  /** What the code says, when it should disagree with the manifest. */
  codeVersion?: string;
  codeName?: string;
  extraEntries?: RawTarEntry[];
}

/** The manifest.yaml text of a test taskserv. */
export function testManifest(pkg: TestTaskservPackage): string {
  const params = paramsJsonSchemaOf(
    z.object({ path: z.string().default(pkg.directory ?? `/etc/${pkg.name}`) }),
  );
  return stringify({
    name: pkg.name,
    kind: 'taskserv',
    version: pkg.version,
    description: `The ${pkg.name} test taskserv.`,
    core: pkg.core ?? '^0.1.0',
    dependencies: pkg.dependencies ?? {},
    params,
  });
}

/** dist/index.js of a test taskserv, as the build executor would emit it (CommonJS, sdk and zod from the core). */
export function testTaskservCode(pkg: TestTaskservPackage): string {
  return [
    "'use strict';",
    "const { defineTaskserv, directory } = require('@provisioning/sdk');",
    "const { z } = require('zod');",
    `exports.taskserv = defineTaskserv({`,
    `  name: ${JSON.stringify(pkg.codeName ?? pkg.name)},`,
    `  version: ${JSON.stringify(pkg.codeVersion ?? pkg.version)},`,
    `  description: ${JSON.stringify(`The ${pkg.name} test taskserv.`)},`,
    `  params: z.object({ path: z.string().default(${JSON.stringify(pkg.directory ?? `/etc/${pkg.name}`)}) }),`,
    `  install: ({ params }) => [directory({ path: params.path, mode: '0755' })],`,
    '});',
    '',
  ].join('\n');
}

/** A package tarball (gzip, everything under package/) of a small, working taskserv. */
export function testTaskservTarball(pkg: TestTaskservPackage): Buffer {
  return gzipTar([
    { path: 'package/manifest.yaml', content: testManifest(pkg) },
    { path: 'package/dist/index.js', content: testTaskservCode(pkg) },
    ...(pkg.extraEntries ?? []),
  ]);
}

/** src/index.ts of a test taskserv, as its author would write it (built by esbuild when linked). */
export function testTaskservSource(pkg: TestTaskservPackage): string {
  return [
    "import { defineTaskserv, directory } from '@provisioning/sdk';",
    "import { z } from 'zod';",
    '',
    `const defaultPath: string = ${JSON.stringify(pkg.directory ?? `/etc/${pkg.name}`)};`,
    'export const taskserv = defineTaskserv({',
    `  name: ${JSON.stringify(pkg.codeName ?? pkg.name)},`,
    `  version: ${JSON.stringify(pkg.codeVersion ?? pkg.version)},`,
    `  description: ${JSON.stringify(`The ${pkg.name} test taskserv.`)},`,
    '  params: z.object({ path: z.string().default(defaultPath) }),',
    "  install: ({ params }) => [directory({ path: params.path, mode: '0755' })],",
    '});',
    '',
  ].join('\n');
}

import {
  absent,
  command,
  defineTaskserv,
  directory,
  download,
  link,
  type Operation,
  pkg,
  quote,
  shell,
  type TaskservDefinition,
} from '@provisioning/sdk';
import { posix } from 'node:path';
import { z } from 'zod';
import { CatalogError, type ToolCatalog } from './catalog';
import { type ToolLayout, toolPaths } from './layout';
import { platformOf } from './platform';
import { resolveDownload, type ToolRequest, toolEntry } from './resolve-tool';

/** The taskserv name a tool installs as (`tool-node-exporter`): the engine plans and applies it like any other. */
export const toolTaskservName = (tool: string): string => `tool-${tool.replace(/_/g, '-')}`;

export interface ToolTaskservOptions {
  layout: ToolLayout;
  /** Extract and verify again even when this version is already in place. */
  force?: boolean;
}

/**
 * A tool install as a taskserv: download (sha256-checked, cached by hash), extract the one
 * executable into its versioned directory, run its version command, and only then swap the
 * symlink on PATH (a rename, so the old version stays in place until the new one has proved
 * itself). `remove` unlinks (only a link that points into the tool's directory) and deletes it.
 */
export function toolTaskserv(
  catalog: ToolCatalog,
  request: ToolRequest,
  options: ToolTaskservOptions,
): TaskservDefinition {
  const entry = toolEntry(catalog, request.name);
  const version = request.version ?? entry.defaultVersion;
  const binary = entry.binary ?? request.name;
  const { layout } = options;
  const paths = toolPaths(layout, request.name, binary, version);
  return defineTaskserv({
    name: toolTaskservName(request.name),
    version: '1.0.0',
    description: `${request.name} ${version}: ${entry.description}`,
    params: z.object({}),
    install: (ctx) => {
      const platform = platformOf(ctx.host.arch, layout.os);
      if (!platform)
        throw new CatalogError(
          `${request.name}: ${ctx.host.hostname} has architecture ${ctx.host.arch}, which no catalog tool is built for`,
          'tools are published for x86_64, aarch64 and armv7',
        );
      const source = withHint(() => resolveDownload(request.name, entry, version, platform, request));
      const id = `${request.name}@${version}`;
      const ops: Operation[] = [
        // The download operation fetches with curl (or wget); minimal images have neither.
        ...(layout.ensureCurl ? [pkg({ id: `curl:${id}`, names: ['curl'] })] : []),
        directory({ id: `dir:${id}`, path: paths.versionDir }),
        directory({ id: `bin-dir:${id}`, path: layout.binDir }),
      ];
      if (source.member) {
        const archive = posix.join(
          paths.toolDir,
          '.archives',
          `${request.name}-${version}-${platform.os}-${platform.arch}.tar.gz`,
        );
        ops.push(
          download({
            id: `download:${id}`,
            url: source.url,
            sha256: source.sha256,
            path: archive,
            cacheDir: layout.cacheDir,
          }),
        );
        ops.push(
          shell({
            id: `extract:${id}`,
            command: extractScript(archive, source.member, paths.toolDir, paths.bin),
            ...(options.force ? {} : { creates: paths.bin }),
          }),
        );
      } else {
        ops.push(
          download({
            id: `download:${id}`,
            url: source.url,
            sha256: source.sha256,
            path: paths.bin,
            mode: '0755',
            cacheDir: layout.cacheDir,
          }),
        );
      }
      ops.push(
        shell({
          id: `verify:${id}`,
          command: verifyScript(request.name, version, paths.bin, entry.versionArgs),
          ...(options.force
            ? {}
            : { unless: `[ "$(readlink ${quote(paths.link)})" = ${quote(paths.bin)} ]` }),
        }),
      );
      ops.push(link({ id: `link:${id}`, path: paths.link, target: paths.bin }));
      return ops;
    },
    remove: () => [
      shell({
        id: `unlink:${request.name}`,
        command: `rm -f ${quote(paths.link)}`,
        onlyIf: `case "$(readlink ${quote(paths.link)})" in ${quote(`${paths.toolDir}/`)}*) true ;; *) false ;; esac`,
      }),
      absent({ id: `remove:${request.name}`, path: paths.toolDir, recursive: true }),
    ],
  });
}

/** Only the named member is extracted (GNU tar refuses `..` and absolute names), into a temp dir, then renamed into place. */
function extractScript(archive: string, member: string, toolDir: string, bin: string): string {
  return [
    'set -e',
    `d=$(mktemp -d ${quote(`${toolDir}/.extract.XXXXXX`)}); trap 'rm -rf "$d"' EXIT`,
    `tar -xzf ${quote(archive)} -C "$d" -- ${quote(member)}`,
    `f="$d"/${quote(member)}`,
    `if [ ! -f "$f" ] || [ -L "$f" ]; then echo ${quote(`${archive} holds no regular file ${member}`)} >&2; exit 1; fi`,
    'chmod 0755 "$f"',
    `mv -f "$f" ${quote(bin)}`,
  ].join('\n');
}

/** Runs the version command; a binary that fails or prints another version is removed, and the link is never touched. */
function verifyScript(name: string, version: string, bin: string, args: readonly string[]): string {
  const fail = (what: string) =>
    `{ echo ${quote(`${name} ${version} failed verification: ${what}:`)} "$out" >&2; rm -f ${quote(bin)}; exit 1; }`;
  return [
    `out=$(${command(bin, ...args)} 2>&1) || ${fail(`${[bin, ...args].join(' ')} exited non-zero`)}`,
    `case "$out" in *${quote(version)}*) ;; *) ${fail(`the version command did not print ${version}`)} ;; esac`,
  ].join('\n');
}

/** The engine reports a failed install() by its message alone: carry the hint in it. */
function withHint<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CatalogError) throw new CatalogError(`${error.message}; ${error.hint}`, error.hint);
    throw error;
  }
}

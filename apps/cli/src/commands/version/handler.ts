import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  checkAgainstMatrix,
  findVersionsFile,
  type MatrixCheck,
  readVersionsMatrix,
} from '@provisioning/distribution';
import { formatProblems } from '@provisioning/extensions';
import { CORE_VERSION } from '@provisioning/sdk';
import type { CommandContext } from '../../cli/command-definition';
import { CliError, ExitCode } from '../../cli/errors';
import { renderTable } from '../../render/render-table';
import { availableTaskservs, workspaceCatalog } from '../../engine/workspace-extensions';
import { workspaceRootFor } from '../../engine/workspace-root';

export async function run(ctx: CommandContext): Promise<number> {
  if (!ctx.global.check) {
    ctx.out.result({ core: CORE_VERSION }, (r) => `${r.core}\n`);
    return 0;
  }
  const file = findVersionsFile(cliDirectory(), ctx.env);
  if (!file)
    throw new CliError(
      'no versions.yaml beside this CLI',
      'set PROVISIONING_VERSIONS_FILE to the matrix of your distribution, or install a bundle (it ships one)',
    );
  const parsed = readVersionsMatrix(file);
  if (!parsed.ok)
    throw new CliError(`the compatibility matrix is invalid:\n${formatProblems(parsed.problems)}`);
  const root = await workspaceRootFor(ctx, { required: false });
  const installed = availableTaskservs(workspaceCatalog(root, ctx.env, ctx.taskservs)).map(
    ({ candidate }) => ({
      kind: 'extension' as const,
      name: candidate.name,
      version: candidate.version,
      source: candidate.source,
    }),
  );
  const check = checkAgainstMatrix(parsed.value, CORE_VERSION, installed);
  ctx.out.result<MatrixCheck & { matrix: string }>({ ...check, matrix: file }, (r, style) => {
    const head = r.coreKnown
      ? `core ${r.core}: in the matrix (${r.matrix})`
      : style.red(`core ${r.core} is not in the matrix ${r.matrix}: nothing is known to be tested with it`);
    const paint = (cell: string, column: number) =>
      column !== 4
        ? cell
        : cell === 'tested'
          ? style.green(cell)
          : cell === 'outside'
            ? style.red(cell)
            : style.yellow(cell);
    const table = renderTable(
      ['extension', 'version', 'source', 'tested', 'status'],
      r.components.map((c) => [c.name, c.version, c.source, c.tested ?? '-', c.status]),
      style,
      paint,
    );
    return `${head}\n\n${table}\n`;
  });
  return check.problems > 0 ? ExitCode.error : ExitCode.ok;
}

/** The folder of the running CLI entry (dist/apps/cli, or <prefix>/lib/provisioning/<version>/cli behind the bin link). */
function cliDirectory(): string {
  return dirname(realpathSync(process.argv[1] ?? '.'));
}

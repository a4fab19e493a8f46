import { join, relative, resolve } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError, ExitCode, UsageError } from '../../../cli/errors';
import type { Style } from '../../../cli/style';

interface InitResult {
  root: string;
  template: string;
  name: string;
  infra: string;
  files: string[];
  valid: boolean;
}

export async function run(ctx: CommandContext): Promise<number> {
  const { initWorkspace } = await import('@provisioning/extensions');
  const { validateWorkspace } = await import('@provisioning/config');
  const { quote } = await import('@provisioning/sdk');
  const directory = resolve(ctx.cwd, ctx.args[0] ?? '.');
  const result = initWorkspace({
    directory,
    template: ctx.options['template'] as string | undefined,
    name: ctx.options['name'] as string | undefined,
    infra: ctx.options['infra'] as string | undefined,
    force: Boolean(ctx.options['force']),
  });
  if (!result.ok) {
    // The message already says to choose an empty directory or pass --force.
    if (result.reason === 'conflict') throw new CliError(result.error);
    throw new UsageError(
      result.error,
      "run 'provisioning workspace init --help' to see the templates and options",
    );
  }
  const report = validateWorkspace(result.root, { env: ctx.env });
  const initResult: InitResult = {
    ...result,
    files: result.files.map((file) => relative(result.root, resolve(result.root, file))),
    valid: report.ok,
  };
  const workspaceFlag =
    result.root === ctx.cwd ? '' : ` --workspace ${quote(relative(ctx.cwd, result.root) || '.')}`;
  ctx.out.result(initResult, (data, style) =>
    renderInitResult(data, style, { quiet: ctx.global.quiet, workspaceFlag }),
  );
  if (!report.ok) {
    ctx.out.warn(
      'the new workspace does not validate; run `provisioning validate` in it for every problem (this is a bug in the template).',
    );
    return ExitCode.error;
  }
  return ExitCode.ok;
}

/** With --quiet only the one line that says what was created; else the files and the next commands, ready to paste. */
function renderInitResult(
  result: InitResult,
  style: Style,
  how: { quiet: boolean; workspaceFlag: string },
): string {
  const created = `${style.green('created')} workspace ${style.bold(result.name)} in ${result.root} from template ${result.template}`;
  if (how.quiet) return created;
  return [
    created,
    ...result.files.map((file) => `  ${file}`),
    '',
    'Next:',
    `  edit ${join(result.root, 'infra', result.infra)}/*.yaml with your hosts' addresses`,
    `  provisioning validate${how.workspaceFlag}`,
    `  provisioning plan${how.workspaceFlag}`,
  ].join('\n');
}

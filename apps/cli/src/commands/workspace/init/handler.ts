import { relative, resolve } from 'node:path';
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
    throw new UsageError(result.error, 'provisioning workspace init --help lists the templates and options.');
  }
  const report = validateWorkspace(result.root, { env: ctx.env });
  const initResult: InitResult = {
    ...result,
    files: result.files.map((file) => relative(result.root, resolve(result.root, file))),
    valid: report.ok,
  };
  ctx.out.result(initResult, renderInitResult);
  if (!report.ok) {
    ctx.out.warn(
      'the new workspace does not validate; run `provisioning validate` in it for every problem (this is a bug in the template).',
    );
    return ExitCode.error;
  }
  return ExitCode.ok;
}

function renderInitResult(result: InitResult, style: Style): string {
  return [
    `${style.green('created')} workspace ${style.bold(result.name)} in ${result.root} from template ${result.template}`,
    ...result.files.map((file) => `  ${file}`),
    '',
    'Next:',
    `  edit infra/${result.infra}/*.yaml with your hosts' addresses`,
    '  provisioning validate',
    '  provisioning plan',
  ].join('\n');
}

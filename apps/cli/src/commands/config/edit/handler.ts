import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { workspaceRootFor } from '../../../engine/workspace-root';

/** Runs the editor through the shell so EDITOR may carry arguments (`code --wait`); the file is "$1". */
function openEditor(editor: string, env: NodeJS.ProcessEnv) {
  return (path: string) =>
    new Promise<void>((resolvePromise, reject) => {
      const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'sh', path], { stdio: 'inherit', env });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0
          ? resolvePromise()
          : reject(
              new CliError(`the editor (${editor}) exited with status ${code}`, 'the file was not changed'),
            ),
      );
    });
}

export async function run(ctx: CommandContext): Promise<number> {
  const { editConfigFile, formatDiagnostic, userConfigFile, WORKSPACE_FILE } =
    await import('@provisioning/config');
  const root = ctx.options['user']
    ? undefined
    : await workspaceRootFor(ctx, { required: Boolean(ctx.options['workspaceFile']) });
  const file = root ? join(root, WORKSPACE_FILE) : userConfigFile(ctx.env);
  const editor = ctx.env['VISUAL'] || ctx.env['EDITOR'] || 'vi';
  const result = await editConfigFile({
    file,
    kind: root ? 'workspace' : 'user',
    openEditor: openEditor(editor, ctx.env),
  });
  if (result.status === 'rejected') {
    throw new CliError(
      `the edit is invalid, so ${file} was not changed:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`,
      `your edit is kept in ${result.rejected}; fix it and copy it over, or run 'provisioning config edit' again`,
    );
  }
  ctx.out.result(result, (data) =>
    data.status === 'saved' ? `saved ${data.file}\n` : `${data.file} unchanged\n`,
  );
  return 0;
}

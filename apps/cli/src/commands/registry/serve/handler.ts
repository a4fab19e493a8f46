import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveRegistry } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';

export async function run(ctx: CommandContext): Promise<number> {
  const dir = resolve(ctx.cwd, ctx.args[0]);
  if (!existsSync(join(dir, 'index.json')))
    throw new CliError(
      `${dir} has no index.json: not a registry`,
      'publish a first package into it: provisioning registry publish FILE.tgz --registry DIR --key KEYFILE',
    );
  const { host, port } = ctx.options.listen as { host: string; port: number };
  const served = await serveRegistry(dir, {
    host,
    port,
    onRequest: (line) => ctx.out.info(ctx.out.errStyle.dim(line)),
  }).catch((error: Error) => {
    throw new CliError(
      `cannot listen on ${host}:${port}: ${error.message}`,
      'choose another --listen address or port',
    );
  });
  ctx.out.result({ url: served.url, dir }, (r) => `serving ${r.dir} on ${r.url} (Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await served.close();
  return 0;
}

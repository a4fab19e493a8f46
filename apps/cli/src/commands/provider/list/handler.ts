import { describeProviders, type ProviderInfo } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import type { Style } from '../../../cli/style';
import { builtinProviders } from '../../../engine/builtin-providers';
import { renderTable } from '../../../render/render-table';

export async function run(ctx: CommandContext): Promise<number> {
  const providers = describeProviders((ctx.providers ?? builtinProviders()).values());
  ctx.out.result({ providers }, renderProviders);
  return 0;
}

function renderProviders({ providers }: { providers: ProviderInfo[] }, style: Style): string {
  const rows = providers.map((provider) => [
    provider.name,
    provider.version,
    provider.defaults.zone,
    provider.defaults.plan,
    provider.defaults.image,
    provider.options.join(', '),
  ]);
  const table = renderTable(['name', 'version', 'zone', 'size', 'image', 'provider_options'], rows, style);
  return `${table}\n\nstatic (built in): servers that already exist; nothing is created or deleted.\n`;
}

import { createSecretStore, defaultSecretsFiles } from '@provisioning/config';
import { configureImage, type FirstBootConfig, SbcError } from '@provisioning/sbc';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../../../../cli/command-definition';
import { CliError, ExitCode, UsageError } from '../../../../cli/errors';
import { workspaceRootFor } from '../../../../engine/workspace-root';

interface ConfigureOptionValues {
  image?: string;
  device?: string;
  hostname: string;
  user: string;
  sshKey: string[] | string;
  wifiCountry?: string;
  wifiSsid?: string;
  wifiPasswordSecret?: string;
  staticIp?: string;
  gateway?: string;
  dns?: string;
  interface: 'eth0' | 'wlan0';
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as unknown as ConfigureOptionValues;
  if (Boolean(options.image) === Boolean(options.device))
    throw new UsageError(
      'give --image FILE or --device /dev/X (one of them)',
      'an image file is changed in place; a device must hold a Raspberry Pi OS image',
    );
  const config: FirstBootConfig = {
    hostname: options.hostname,
    user: { name: options.user, sshKeys: readKeys(ctx, options.sshKey) },
    ...(await wifi(ctx, options)),
    ...(options.staticIp ? { staticIp: staticIp(options) } : {}),
  };
  if (ctx.global.check) {
    ctx.out.result(
      {
        target: options.image ?? options.device,
        config: { ...config, wifi: config.wifi ? { ...config.wifi, password: '***' } : undefined },
      },
      () =>
        `Would write first-boot configuration for ${options.hostname} into ${options.image ?? options.device}.\n`,
    );
    return ExitCode.usageOrChanges;
  }
  try {
    const result = configureImage({
      image: options.image ? resolve(ctx.cwd, options.image) : undefined,
      device: options.device,
      config,
    });
    ctx.out.result(
      result,
      () =>
        `Configured ${result.target} for ${options.hostname}:\n${result.written.map((path) => `  ${path}`).join('\n')}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    throw error instanceof SbcError ? new CliError(error.message, error.hint) : error;
  }
}

function readKeys(ctx: CommandContext, files: string[] | string): string[] {
  return (Array.isArray(files) ? files : files.split(',')).flatMap((file) => {
    try {
      return readFileSync(resolve(ctx.cwd, file.replace(/^~(?=\/)/, ctx.env.HOME ?? '~')), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
    } catch (error) {
      throw new UsageError(
        `cannot read the SSH key file ${file}: ${(error as Error).message}`,
        'pass a public key file, e.g. ~/.ssh/id_ed25519.pub',
      );
    }
  });
}

async function wifi(
  ctx: CommandContext,
  options: ConfigureOptionValues,
): Promise<Pick<FirstBootConfig, 'wifi'>> {
  const given = [options.wifiCountry, options.wifiSsid, options.wifiPasswordSecret].filter(Boolean).length;
  if (given === 0) return {};
  if (given < 3)
    throw new UsageError(
      'Wi-Fi needs --wifi-country, --wifi-ssid and --wifi-password-secret together',
      'or leave all three out for a wired board',
    );
  const root = await workspaceRootFor(ctx, { required: false });
  const store = createSecretStore({ env: ctx.env, files: defaultSecretsFiles(root, ctx.env) });
  const secret = store.get(options.wifiPasswordSecret as string);
  if (!secret)
    throw new CliError(
      `no secret ${options.wifiPasswordSecret}`,
      `set PROVISIONING_SECRET_${options.wifiPasswordSecret}, or add it to one of: ${store.sources.slice(1).join(', ')}`,
    );
  return {
    wifi: {
      country: (options.wifiCountry as string).toUpperCase(),
      ssid: options.wifiSsid as string,
      password: secret.reveal(),
    },
  };
}

function staticIp(options: ConfigureOptionValues): NonNullable<FirstBootConfig['staticIp']> {
  if (!options.gateway)
    throw new UsageError(
      '--static-ip needs --gateway',
      'e.g. --static-ip 192.168.1.40/24 --gateway 192.168.1.1',
    );
  return {
    interface: options.interface,
    address: options.staticIp as string,
    gateway: options.gateway,
    dns: options.dns
      ? options.dns
          .split(',')
          .map((ip) => ip.trim())
          .filter(Boolean)
      : [],
  };
}

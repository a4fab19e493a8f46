import { InvalidArgumentError, Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const registryServeCommand: CommandDefinition = {
  name: 'serve',
  arguments: '<dir>',
  summary: 'serve a directory registry read-only over HTTP, for a team',
  description:
    'Serves index.json and the package tarballs under DIR (nothing else: no listing, no other files) until Ctrl-C. Packages are signed, so clients verify them whatever the transport; put a TLS proxy in front for anything beyond a trusted network. Workspaces point at it with registries: [{ name, url: http://HOST:PORT/, public_key }].',
  examples: [
    { command: 'provisioning registry serve ./registry', description: 'on http://127.0.0.1:4873/' },
    {
      command: 'provisioning registry serve /srv/registry --listen 10.0.0.5:8080',
      description: 'on an address the team can reach',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--listen <host:port>', 'address and port to listen on (port 0 picks a free one)')
        .default('127.0.0.1:4873')
        .env('PROVISIONING_REGISTRY_LISTEN')
        .argParser(parseListen),
    );
  },
  handler: () => import('./handler.js'),
};

function parseListen(value: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new InvalidArgumentError('expected HOST:PORT, e.g. 127.0.0.1:4873');
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

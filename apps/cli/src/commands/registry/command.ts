import type { CommandDefinition } from '../../cli/command-definition';
import { registryKeygenCommand } from './keygen/command';
import { registryPublishCommand } from './publish/command';
import { registryServeCommand } from './serve/command';
import { registryYankCommand } from './yank/command';

export const registryCommand: CommandDefinition = {
  name: 'registry',
  summary: 'run an extension registry: signing keys, publishing, yanking, serving over HTTP',
  description:
    'A registry is a directory (or an http(s) URL serving one) holding index.json and package tarballs; every version carries its sha256 and an ed25519 signature that clients check against the public_key in provisioning.yaml. See docs/extensions.md.',
  examples: [
    { command: 'provisioning registry keygen --out registry-key', description: 'a signing key pair' },
    {
      command: 'provisioning registry publish pkg.tgz --registry ./registry --key registry-key',
      description: 'add a version',
    },
    {
      command: 'provisioning registry serve ./registry --listen 0.0.0.0:4873',
      description: 'share it with the team',
    },
  ],
  subcommands: [registryKeygenCommand, registryPublishCommand, registryYankCommand, registryServeCommand],
};

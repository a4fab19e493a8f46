import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';
import { installCatalogCommand } from './catalog/command';
import { addTargetOptions } from './install-options';
import { installListCommand } from './list/command';

export const installCommand: CommandDefinition = {
  name: 'install',
  arguments: '[tools...]',
  summary:
    'install CLI tools (kubectl, helm, k3s, k9s, yq, node_exporter) at pinned versions, here or on servers',
  description:
    "Install tools from the catalog ('provisioning install catalog') on this machine (into ~/.local/share/provisioning/tools, linked from ~/.local/bin) or, with --servers, on hosts (/opt/provisioning/tools, linked from /usr/local/bin). Each download is checked against the sha256 the catalog records for that version and platform, the executable is placed in a directory of its own version, its version command is run, and only then is the link on PATH swapped to it (one rename): an install that fails half-way leaves the previous version in place. On servers it is planned and applied like a taskserv (one round trip per host to plan; --check shows the plan; without --yes it asks). Installing again is a no-op; --force extracts and verifies again.",
  examples: [
    {
      command: 'provisioning install kubectl helm@3.16.2 --sha256 <hex>',
      description:
        'on this machine; --sha256 vouches for a download the catalog has no verified checksum for (one tool at a time)',
    },
    {
      command: 'provisioning install k3s@1.31.2+k3s1 --servers role=pi --check',
      description: 'what installing k3s would change on the Raspberry Pis',
    },
    {
      command: 'provisioning install yq --servers all --mirror http://10.0.0.2:8080 --yes',
      description: 'from a local mirror, on every server, without asking',
    },
    {
      command: 'provisioning install --uninstall k9s',
      description: 'remove k9s (all its versions) from this machine',
    },
    {
      command: 'provisioning install list --servers all',
      description: 'which tools and versions each server has',
    },
  ],
  configure: (command) => {
    addTargetOptions(command);
    command
      .addOption(
        new Option(
          '--uninstall',
          'remove the named tools (every version, and their link on PATH) instead of installing',
        ).env('PROVISIONING_INSTALL_UNINSTALL'),
      )
      .addOption(
        new Option('--force', 'extract and verify again even when the version is already installed').env(
          'PROVISIONING_INSTALL_FORCE',
        ),
      )
      .addOption(
        new Option(
          '--mirror <url>',
          "base URL replacing each tool's download host (a mirror or an artifact server)",
        ).env('PROVISIONING_INSTALL_MIRROR'),
      )
      .addOption(
        new Option(
          '--sha256 <hex>',
          'the expected sha256 of the download, where the catalog records none (one tool only)',
        ).env('PROVISIONING_INSTALL_SHA256'),
      );
  },
  subcommands: [installListCommand, installCatalogCommand],
  handler: () => import('./handler.js'),
};

import type { CommandDefinition } from '../../cli/command-definition';

export const versionCommand: CommandDefinition = {
  name: 'version',
  summary:
    'the core version; with --check, whether the extensions in use were tested with it (versions.yaml)',
  description:
    'Prints the core version. With the global --check (PROVISIONING_CHECK) it compares every extension this workspace uses (linked, installed, built-in) with the compatibility matrix (versions.yaml shipped with the CLI, or $PROVISIONING_VERSIONS_FILE): "tested" inside the range the matrix lists for this core, "outside" a listed range (exit 1), "untested" when the matrix does not list it (third-party extensions).',
  examples: [
    { command: 'provisioning version', description: 'the core version' },
    { command: 'provisioning version --check', description: 'is this combination tested?' },
    { command: 'provisioning version --check --output json', description: 'the same, for a script' },
  ],
  handler: () => import('./handler.js'),
};

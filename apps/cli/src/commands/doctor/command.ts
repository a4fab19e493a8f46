import type { CommandDefinition } from '../../cli/command-definition';

export const doctorCommand: CommandDefinition = {
  name: 'doctor',
  summary: 'check that this machine and the workspace are ready to provision',
  description: [
    'Check the environment Provisioning runs in: the Node.js version, the ssh client and agent,',
    'your SSH keys and known_hosts, the workspace (found and valid) and its state store (writable).',
    'Errors are printed apart from warnings; the exit code is 1 only when a check found an error.',
  ].join(' '),
  examples: [
    { command: 'provisioning doctor', description: 'check the workspace around the current directory' },
    {
      command: 'provisioning doctor --workspace ./infra-repo --output json',
      description: 'check a given workspace and print the results as JSON',
    },
  ],
  handler: () => import('./handler.js'),
};

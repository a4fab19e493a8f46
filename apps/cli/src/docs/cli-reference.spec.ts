import { readFileSync } from 'node:fs';
import { buildProgram } from '../cli/build-program';
import { commands } from '../commands';
import { CLI_REFERENCE_PATH } from './cli-reference-path';
import { renderCliReference } from './render-cli-reference';

describe('docs/cli.md', () => {
  const rendered = renderCliReference(buildProgram(commands, async () => undefined));

  it('is current with the command definitions (regenerate with `npx nx run cli:docs`)', () => {
    const committed = readFileSync(CLI_REFERENCE_PATH, 'utf8');
    if (committed !== rendered) {
      throw new Error('docs/cli.md is stale: run `npx nx run cli:docs` and commit the result.');
    }
  });

  it('documents every command with its environment variables and examples', () => {
    for (const command of commands) expect(rendered).toContain(`### provisioning ${command.name}`);
    expect(rendered).toContain('`PROVISIONING_WORKSPACE`');
    expect(rendered).toContain('provisioning doctor --workspace ./infra-repo --output json');
  });
});

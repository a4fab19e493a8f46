// Target `cli:docs`: writes docs/cli.md from the command definitions.
import { writeFileSync } from 'node:fs';
import { buildProgram } from '../cli/build-program';
import { commands } from '../commands';
import { CLI_REFERENCE_PATH } from './cli-reference-path';
import { renderCliReference } from './render-cli-reference';

writeFileSync(CLI_REFERENCE_PATH, renderCliReference(buildProgram(commands, async () => undefined)));
console.log(`wrote ${CLI_REFERENCE_PATH}`);

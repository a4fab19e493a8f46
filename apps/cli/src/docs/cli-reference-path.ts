import { join } from 'node:path';

export const CLI_REFERENCE_PATH = join(__dirname, '../../../../docs/cli.md');

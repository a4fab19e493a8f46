import type { Check } from './check';

/** The oldest Node.js the CLI is tested on (package.json "engines"). */
export const MINIMUM_NODE = [20, 19, 0] as const;

export function isAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    if (have !== minimum[i]) return have > minimum[i];
  }
  return true;
}

export const nodeVersionCheck: Check = {
  id: 'node',
  title: 'Node.js version',
  async run() {
    const version = process.versions.node;
    if (isAtLeast(version, MINIMUM_NODE)) return { status: 'ok', detail: `v${version}` };
    return {
      status: 'error',
      detail: `v${version} is older than the supported v${MINIMUM_NODE.join('.')}`,
      hint: `install Node.js ${MINIMUM_NODE[0]}.${MINIMUM_NODE[1]} or newer`,
    };
  },
};

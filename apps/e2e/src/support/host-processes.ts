import { command } from '@provisioning/sdk';

/**
 * A command listing PIDs whose command line contains `tag`. The pattern is written as "[x]yz" so it
 * does not match the shell that runs pgrep (whose own command line holds the pattern, not the tag).
 */
export function pgrepTag(tag: string): string {
  return `${command('pgrep', '-f', `[${tag.slice(0, 1)}]${tag.slice(1)}`)} || true`;
}

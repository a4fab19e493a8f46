import { execFileSync } from 'node:child_process';

/** A program a spec runs from this machine's PATH (a shell, a tool), found once when the spec loads. */
export interface InstalledProgram {
  name: string;
  /** Where it is; undefined when it is not installed. */
  path: string | undefined;
  /**
   * Whether the spec skips it: only when it is missing and this is not root. As root (CI),
   * tools/scripts/install-test-prerequisites.sh installs every program the specs need, so a missing
   * one there is a failure (`require` throws), never a skip.
   */
  skipped: boolean;
  /** The path, or an error saying how to install the program. */
  require(): string;
}

/** Finds `name` on PATH; when the spec will skip for want of it, says so on the console. */
export function installedProgram(name: string, purpose: string): InstalledProgram {
  let path: string | undefined;
  try {
    path = execFileSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    path = undefined;
  }
  const skipped = !path && process.getuid?.() !== 0;
  if (skipped) console.warn(`${purpose} SKIPPED: ${name} is missing (apt-get install ${name})`);
  return {
    name,
    path,
    skipped,
    require: () => {
      if (!path)
        throw new Error(`${name} is missing: run tools/scripts/install-test-prerequisites.sh as root`);
      return path;
    },
  };
}

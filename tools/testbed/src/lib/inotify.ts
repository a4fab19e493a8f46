import { readFileSync, writeFileSync } from 'node:fs';

const MAX_USER_INSTANCES = '/proc/sys/fs/inotify/max_user_instances';

/**
 * Every host's systemd, journald, logind and networkd take about 7 inotify instances from root's
 * shared budget, which defaults to 128: past ~18 hosts on the machine (all instances together),
 * new hosts die at boot with "Failed to allocate manager object: Too many open files".
 */
export const INOTIFY_INSTANCES_PER_HOST = 8;
export const INOTIFY_INSTANCES_WANTED = 1024;

/** The limit to set, or undefined when the current one is enough. Pure, for testing. */
export function inotifyLimitToSet(
  current: number,
  wanted: number = INOTIFY_INSTANCES_WANTED,
): number | undefined {
  return current >= wanted ? undefined : wanted;
}

/**
 * Raises fs.inotify.max_user_instances when it is below what a full testbed needs. The raise is a
 * machine setting shared with every other testbed instance, so `down` leaves it in place.
 */
export function ensureInotifyInstances(log: (line: string) => void): void {
  const current = Number(readFileSync(MAX_USER_INSTANCES, 'utf8').trim());
  const target = inotifyLimitToSet(current);
  if (target === undefined) return;
  try {
    writeFileSync(MAX_USER_INSTANCES, `${target}\n`);
    log(
      `raised fs.inotify.max_user_instances from ${current} to ${target} (each host's systemd needs about ${INOTIFY_INSTANCES_PER_HOST})`,
    );
  } catch (error) {
    log(
      `fs.inotify.max_user_instances is ${current} and could not be raised (${(error as Error).message}); ` +
        `hosts beyond about ${Math.floor(current / INOTIFY_INSTANCES_PER_HOST)} on this machine will fail to boot`,
    );
  }
}

import { z } from 'zod';

const ABSOLUTE = /^\/[^\0]*$/;
const absolutePath = (what: string) =>
  z.string().regex(ABSOLUTE, { error: `${what} must be an absolute path` });

/** A server's `provider_options` for nspawn; every field has a default, so none is needed. */
export const nspawnOptions = z.strictObject({
  bridge: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,14}$/, {
      error: 'bridge must be an interface name of 1-15 lowercase letters, digits or dashes',
    })
    .default('pnsp-br0')
    .describe('Bridge the hosts are attached to; created with the first host and deleted with the last.'),
  subnet: z
    .string()
    .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/, {
      error: 'subnet must be a /24 such as 10.161.0.0/24',
    })
    .default('10.161.0.0/24')
    .describe('Private /24 of the bridge: .1 is this machine, hosts get .2 to .254.'),
  rootfs: absolutePath('rootfs')
    .optional()
    .describe(
      "An existing Debian root filesystem to boot (the read-only lower layer of each host's overlay); default: one built with debootstrap into cache_dir.",
    ),
  suite: z
    .string()
    .regex(/^[a-z]+$/)
    .default('bookworm')
    .describe('Debian suite debootstrap builds when no rootfs is given.'),
  mirror: z.url().default('http://deb.debian.org/debian').describe('Debian mirror debootstrap uses.'),
  state_dir: absolutePath('state_dir')
    .default('/var/lib/provisioning-nspawn')
    .describe("Where each host's overlay and record live."),
  cache_dir: absolutePath('cache_dir')
    .default('/var/cache/provisioning-nspawn')
    .describe('Where built root filesystems are kept.'),
  bind_ro: z
    .array(
      z.string().regex(/^\/[^:\0]*:\/[^:\0]*$/, {
        error: 'bind_ro entries are HOST_PATH:CONTAINER_PATH, both absolute',
      }),
    )
    .default([])
    .describe('Directories of this machine mounted read-only into every host (HOST_PATH:CONTAINER_PATH).'),
  boot_timeout: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(120)
    .describe('Seconds to wait for a host to answer SSH.'),
});

export type NspawnOptions = z.output<typeof nspawnOptions>;

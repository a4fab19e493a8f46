import { z } from 'zod';

const URL = /^https?:\/\/[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9._~/-]*)?$/;
const REGISTRY = /^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?$|^[0-9.]+\/[0-9]{1,2}$/;
const SIZE = /^[0-9]+[kmg]$/;

export const dockerParams = z.strictObject({
  registry_mirrors: z
    .array(z.string().regex(URL, 'must be an http(s) URL'))
    .default([])
    .describe('Mirrors of Docker Hub, tried in order.'),
  insecure_registries: z
    .array(z.string().regex(REGISTRY, 'must be host[:port] or a CIDR'))
    .default([])
    .describe('Registries reached over plain HTTP or unverified TLS.'),
  log_driver: z
    .enum(['json-file', 'local', 'journald'])
    .default('json-file')
    .describe('Where container logs go.'),
  log_max_size: z
    .string()
    .regex(SIZE, 'must be a size such as 10m')
    .default('10m')
    .describe('Rotate a container log at this size (json-file, local).'),
  log_max_file: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('Rotated log files kept per container (json-file, local).'),
  live_restore: z
    .boolean()
    .default(true)
    .describe('Keep containers running while dockerd restarts (a config change restarts it).'),
  cgroup_driver: z
    .enum(['systemd', 'cgroupfs'])
    .optional()
    .describe('native.cgroupdriver; unset: dockerd’s default.'),
  data_root: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path')
    .optional()
    .describe('Where images and containers are stored (default /var/lib/docker).'),
  users: z
    .array(z.string().regex(/^[a-z_][a-z0-9_-]*$/, 'must be a user name'))
    .default([])
    .describe(
      'Users added to the docker group (root-equivalent: they control the daemon). A user not on the host yet is created.',
    ),
});

export type DockerParams = z.output<typeof dockerParams>;

import { z } from 'zod';

export const etcdParams = z
  .strictObject({
    token: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'must be letters, digits, _ . and -, up to 63 characters')
      .optional()
      .describe(
        'initial-cluster-token, unique per cluster so members of two clusters never join each other; default: provisioning-<infra name>.',
      ),
    client_port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .default(2379)
      .describe('Port clients (etcdctl, the API) use.'),
    peer_port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .default(2380)
      .describe('Port members talk to each other on.'),
    data_dir: z
      .string()
      .regex(/^\/[A-Za-z0-9._/-]+$/, 'must be an absolute path')
      .default('/var/lib/etcd/cluster')
      .describe("The member's data (kept on remove). A new directory starts a new member."),
    heartbeat_interval: z
      .number()
      .int()
      .min(10)
      .max(10_000)
      .default(100)
      .describe('Milliseconds between leader heartbeats (about the round trip between members).'),
    election_timeout: z
      .number()
      .int()
      .min(50)
      .max(50_000)
      .default(1000)
      .describe('Milliseconds a follower waits before calling an election (at least 5x the heartbeat).'),
    snapshot_count: z
      .number()
      .int()
      .min(1)
      .default(100_000)
      .describe('Committed transactions between snapshots.'),
    quota_backend_bytes: z
      .number()
      .int()
      .min(0)
      .default(2_147_483_648)
      .describe(
        'Size the backend may reach before the cluster raises a space alarm (0: etcd’s default, 2 GiB).',
      ),
    auto_compaction_retention: z
      .string()
      .regex(/^[0-9]+[hm]?$/, 'must be hours (1), or a duration such as 30m or 2h')
      .default('1')
      .describe('Keep this much history (hours, or 30m/2h); older revisions are compacted.'),
  })
  .refine((params) => params.election_timeout >= 5 * params.heartbeat_interval, {
    message: 'election_timeout must be at least 5 times heartbeat_interval',
    path: ['election_timeout'],
  });

export type EtcdParams = z.output<typeof etcdParams>;

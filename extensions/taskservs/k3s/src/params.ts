import { z } from 'zod';

const VERSION = /^v[0-9]+\.[0-9]+\.[0-9]+\+k3s[0-9]+$/;
const BASE_URL = /^https?:\/\/[^\s'"]*[^\s'"/]$/;
const SHA256 = /^[a-f0-9]{64}$/;
export const SERVER_URL = /^https:\/\/[A-Za-z0-9.\-[\]:]+:[0-9]{1,5}$/;
// eslint-disable-next-line no-control-regex -- a token must stay on one line of its file
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f]+$/;
const FLAG = /^--[a-z0-9][a-z0-9-]*(=[^\s'"\\]*)?$/;

export const DEFAULT_MIRROR = 'https://github.com/k3s-io/k3s/releases/download';

export const k3sParams = z.strictObject({
  role: z
    .enum(['server', 'agent'])
    .default('server')
    .describe('server runs the control plane and publishes the join token; agent joins a server.'),
  version: z
    .string()
    .regex(VERSION, 'must be a k3s release such as v1.32.3+k3s1')
    .default('v1.32.3+k3s1')
    .describe('k3s release.'),
  mirror: z
    .string()
    .regex(BASE_URL, 'must be an http(s) URL without a trailing slash')
    .default(DEFAULT_MIRROR)
    .describe(
      'Base URL holding <version>/k3s (amd64) and <version>/k3s-arm64, laid out like the GitHub releases.',
    ),
  sha256: z
    .strictObject({
      amd64: z.string().regex(SHA256, 'must be 64 lowercase hex digits').optional(),
      arm64: z.string().regex(SHA256, 'must be 64 lowercase hex digits').optional(),
    })
    .default({})
    .describe(
      'sha256 of the binary per architecture; needed for versions this taskserv does not know, or a mirror serving other bytes.',
    ),
  token: z
    .string()
    .regex(SINGLE_LINE, 'must be one line of printable characters')
    .optional()
    .describe(
      'Shared join token, written "{{secret.NAME}}". A server given one uses it; an agent given none uses the token its server published (outputs of k3s).',
    ),
  server_url: z
    .string()
    .regex(SERVER_URL, 'must be https://<address>:<port>, such as https://10.0.0.10:6443')
    .optional()
    .describe(
      'Agents: the server to join; by default the URL the k3s server published. Servers: an existing server to join as another control-plane node (embedded etcd; the token defaults to the one it published).',
    ),
  extra_args: z
    .array(z.string().regex(FLAG, 'must be one flag such as --disable=traefik (no spaces or quotes)'))
    .default([])
    .describe('More flags for k3s server / k3s agent.'),
});

export type K3sParams = z.output<typeof k3sParams>;

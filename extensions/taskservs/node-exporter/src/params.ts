import { z } from 'zod';

const VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;
const BASE_URL = /^https?:\/\/[^\s'"]*[^\s'"/]$/;
const SHA256 = /^[a-f0-9]{64}$/;
const LISTEN = /^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]*):[0-9]{1,5}$/;
const COLLECTOR = /^[a-z][a-z0-9_]*$/;

export const DEFAULT_MIRROR = 'https://github.com/prometheus/node_exporter/releases/download';

export const nodeExporterParams = z.strictObject({
  version: z
    .string()
    .regex(VERSION, 'must be a release version such as 1.8.2 (no leading v)')
    .default('1.8.2')
    .describe('node_exporter release.'),
  mirror: z
    .string()
    .regex(BASE_URL, 'must be an http(s) URL without a trailing slash')
    .default(DEFAULT_MIRROR)
    .describe(
      'Base URL holding v<version>/node_exporter-<version>.linux-<arch>.tar.gz, laid out like the GitHub releases (point it at an internal mirror or artifact server).',
    ),
  sha256: z
    .strictObject({
      amd64: z.string().regex(SHA256, 'must be 64 lowercase hex digits').optional(),
      arm64: z.string().regex(SHA256, 'must be 64 lowercase hex digits').optional(),
    })
    .default({})
    .describe(
      'sha256 of the tarball per architecture; needed for versions this taskserv does not know, or a mirror serving other bytes.',
    ),
  listen_address: z
    .string()
    .regex(LISTEN, 'must be host:port or :port, such as :9100 or 127.0.0.1:9100')
    .default(':9100')
    .describe('--web.listen-address.'),
  collectors_enabled: z
    .array(z.string().regex(COLLECTOR, 'must be a collector name such as systemd'))
    .default([])
    .describe('Collectors to turn on (--collector.<name>).'),
  collectors_disabled: z
    .array(z.string().regex(COLLECTOR, 'must be a collector name such as wifi'))
    .default([])
    .describe('Collectors to turn off (--no-collector.<name>).'),
});

export type NodeExporterParams = z.output<typeof nodeExporterParams>;

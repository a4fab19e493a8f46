import { z } from 'zod';

const CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(\/[0-9]{1,3})?)$/;
const CIDR_MESSAGE = 'must be an IPv4 or IPv6 address or network, such as 10.0.0.0/8 or fd00::/8';
const COMMENT = /^[A-Za-z0-9 _.,:()/-]{1,64}$/;

const port = z.number().int().min(1).max(65535);
const sources = z.array(z.string().regex(CIDR, CIDR_MESSAGE));

export const allowRule = z.strictObject({
  port: z
    .union([port, z.string().regex(/^[0-9]{1,5}-[0-9]{1,5}$/, 'must be a port or a range such as 8000-8099')])
    .describe('Port, or a range "from-to".'),
  protocol: z.enum(['tcp', 'udp']).default('tcp').describe('tcp or udp.'),
  sources: sources
    .default([])
    .describe('Client addresses or networks allowed (IPv4 and IPv6 mixed); empty: from anywhere.'),
  comment: z
    .string()
    .regex(COMMENT, 'must be up to 64 letters, digits, spaces and _.,:()/-')
    .optional()
    .describe('Shown in `nft list ruleset`.'),
});

export type AllowRule = z.output<typeof allowRule>;

export const firewallParams = z.strictObject({
  allow: z
    .array(allowRule)
    .default([])
    .describe('Inbound ports to open; everything else is dropped (input_policy).'),
  input_policy: z
    .enum(['drop', 'accept'])
    .default('drop')
    .describe('What happens to inbound traffic no rule allows.'),
  allow_icmp: z
    .boolean()
    .default(true)
    .describe('Accept ICMP and ICMPv6 (ping, path MTU discovery, IPv6 neighbour discovery).'),
  ssh_sources: sources
    .default([])
    .describe(
      'Client networks SSH is open to; empty: from anywhere. A list that leaves out the address this run connects from is refused at plan.',
    ),
  ssh_port: port
    .optional()
    .describe(
      'The SSH port to keep open where the engine does not reach the host over SSH (local runs); over SSH the connection’s own port is used, and a different value is refused at plan.',
    ),
});

export type FirewallParams = z.output<typeof firewallParams>;

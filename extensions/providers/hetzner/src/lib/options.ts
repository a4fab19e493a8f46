import { cloudActionOptions } from '@provisioning/sdk';
import { z } from 'zod';

const NAME = /^[a-z0-9][a-z0-9.-]*$/;

/** A server's `provider_options` for hetzner. Only the token has no default. */
export const hetznerOptions = z.strictObject({
  token: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Hetzner Cloud API token (read & write) of the project: write it as '{{secret.HCLOUD_TOKEN}}' so it comes from the secrets and is masked everywhere.",
    ),
  endpoint: z
    .url({
      protocol: /^https?$/,
      error: 'endpoint must be an http(s) URL such as https://api.hetzner.cloud/v1',
    })
    .default('https://api.hetzner.cloud/v1')
    .describe('Base URL of the Hetzner Cloud API v1 (change it only for an emulator or a proxy).'),
  location: z
    .string()
    .regex(NAME, { error: 'location must be a location name such as fsn1, nbg1, hel1, ash' })
    .default('fsn1')
    .describe("Location the server is created in (the API's GET /locations lists them)."),
  server_type: z
    .string()
    .regex(NAME, { error: 'server_type must be a server type name such as cx22' })
    .default('cx22')
    .describe('Server type (size), e.g. cx22, cpx21, cax11.'),
  image: z
    .string()
    .regex(NAME, { error: 'image must be an image name such as debian-12' })
    .default('debian-12')
    .describe('System image name, e.g. debian-12, ubuntu-24.04.'),
  ...cloudActionOptions,
});

export type HetznerOptions = z.output<typeof hetznerOptions>;

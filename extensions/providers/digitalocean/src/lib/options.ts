import { cloudActionOptions } from '@provisioning/sdk';
import { z } from 'zod';

const SLUG = /^[a-z0-9][a-z0-9.-]*$/;

/** A server's `provider_options` for digitalocean. Only the token has no default. */
export const digitaloceanOptions = z.strictObject({
  token: z
    .string()
    .min(1)
    .optional()
    .describe(
      "DigitalOcean personal access token (read & write): write it as '{{secret.DIGITALOCEAN_TOKEN}}' so it comes from the secrets and is masked everywhere.",
    ),
  endpoint: z
    .url({
      protocol: /^https?$/,
      error: 'endpoint must be an http(s) URL such as https://api.digitalocean.com/v2',
    })
    .default('https://api.digitalocean.com/v2')
    .describe('Base URL of the DigitalOcean API v2 (change it only for an emulator or a proxy).'),
  region: z
    .string()
    .regex(SLUG, { error: 'region must be a region slug such as fra1, ams3, nyc3' })
    .default('fra1')
    .describe("Region slug the Droplet is created in (the API's GET /regions lists them)."),
  size: z
    .string()
    .regex(SLUG, { error: 'size must be a size slug such as s-1vcpu-1gb' })
    .default('s-1vcpu-1gb')
    .describe('Size slug, e.g. s-1vcpu-1gb, s-2vcpu-4gb.'),
  image: z
    .string()
    .regex(SLUG, { error: 'image must be an image slug such as debian-12-x64' })
    .default('debian-12-x64')
    .describe('Distribution image slug, e.g. debian-12-x64, ubuntu-24-04-x64.'),
  ...cloudActionOptions,
});

export type DigitaloceanOptions = z.output<typeof digitaloceanOptions>;

import { z } from 'zod';

/** A server's `provider_options` for UpCloud. Credentials are written `{{secret.NAME}}`. */
export const upcloudOptions = z
  .strictObject({
    api_url: z
      .url({ protocol: /^https?$/ })
      .default('https://api.upcloud.com/1.3')
      .describe('Base URL of the UpCloud API, version 1.3 (another only for an emulator or a proxy).'),
    token: z
      .string()
      .min(1)
      .optional()
      .describe('API token sent as a bearer token; write it as {{secret.NAME}}.'),
    username: z
      .string()
      .min(1)
      .optional()
      .describe('API user for HTTP Basic authentication (with password), when no token is given.'),
    password: z.string().min(1).optional().describe('Password of the API user; write it as {{secret.NAME}}.'),
    zone: z
      .string()
      .regex(/^[a-z]{2}-[a-z]{3}\d$/, { error: 'zone must be an UpCloud zone id such as fi-hel1' })
      .default('fi-hel1')
      .describe('Zone the server is created in (GET /1.3/zone lists them).'),
    plan: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, { error: 'plan must be a plan name such as 1xCPU-1GB' })
      .default('1xCPU-1GB')
      .describe('Plan (size) of the server (GET /1.3/plan lists them).'),
    template: z
      .string()
      .min(1)
      .default('Debian GNU/Linux 12 (Bookworm)')
      .describe(
        'Public template the system disk is cloned from: its title or its UUID (GET /1.3/storage/template).',
      ),
    storage_size: z.number().int().min(10).max(4096).default(25).describe('Size of the system disk in GB.'),
    user: z
      .string()
      .regex(/^[a-z_][a-z0-9_-]{0,31}$/, { error: 'user must be a Unix user name' })
      .default('root')
      .describe('Login user the SSH keys are put on (login_user.username).'),
    create_timeout: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(600)
      .describe('Seconds to wait for a new server to reach the started state.'),
    poll_interval: z
      .number()
      .min(0.05)
      .max(60)
      .default(5)
      .describe('Seconds between two reads of a server that is changing state.'),
  })
  .refine((options) => options.token !== undefined || (options.username && options.password), {
    error: 'give either token, or username and password ({{secret.NAME}} each)',
  })
  .refine((options) => !(options.token && (options.username || options.password)), {
    error: 'give token or username and password, not both',
  });

export type UpcloudOptions = z.output<typeof upcloudOptions>;

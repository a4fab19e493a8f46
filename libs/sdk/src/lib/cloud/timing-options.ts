import { z } from 'zod';

/** The `action_timeout` and `poll_interval` provider_options every cloud provider takes. */
export const cloudActionOptions = {
  action_timeout: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(600)
    .describe(
      'Seconds to wait for an action (create, delete, power) to finish before reporting it unfinished.',
    ),
  poll_interval: z
    .number()
    .min(0.05)
    .max(60)
    .default(2)
    .describe('Seconds between two reads of a running action.'),
};

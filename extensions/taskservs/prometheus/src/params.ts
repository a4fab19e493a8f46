import { z } from 'zod';

const DURATION = /^[0-9]+(ms|s|m|h|d|w|y)$/;
const DURATION_MESSAGE = 'must be a Prometheus duration such as 15s, 5m or 30d';
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TARGET = /^[A-Za-z0-9.-]+:[0-9]{1,5}$|^\[[0-9A-Fa-f:]+\]:[0-9]{1,5}$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE = new RegExp('^[^\\u0000-\\u001f\\u007f]*$');

const labels = z
  .record(
    z.string().regex(NAME, 'must be a label name: letters, digits, underscores'),
    z.string().regex(SINGLE_LINE),
  )
  .default({});

export const scrapeJob = z.strictObject({
  job_name: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/, 'must be lowercase letters, digits, _ and -')
    .describe('The job label of every target.'),
  targets: z
    .array(z.string().regex(TARGET, 'must be host:port'))
    .min(1)
    .describe('host:port of each target.'),
  metrics_path: z
    .string()
    .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be a URL path such as /metrics')
    .default('/metrics')
    .describe('Path the metrics are read from.'),
  scheme: z.enum(['http', 'https']).default('http').describe('http or https.'),
  scrape_interval: z.string().regex(DURATION, DURATION_MESSAGE).optional().describe('This job’s interval.'),
  labels: labels.describe('Labels added to every series of the job.'),
});

export const prometheusParams = z
  .strictObject({
    listen_address: z
      .string()
      .regex(/^([0-9.]*|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}$/, 'must be [address]:port such as :9090')
      .default(':9090')
      .describe('Address and port of the web UI and API (a change restarts the server).'),
    retention_time: z
      .string()
      .regex(DURATION, DURATION_MESSAGE)
      .default('15d')
      .describe('How long samples are kept (a change restarts the server).'),
    retention_size: z
      .string()
      .regex(/^[0-9]+(B|KB|MB|GB|TB|PB)$/, 'must be a size such as 512MB or 10GB')
      .optional()
      .describe('Largest size of the blocks kept; the oldest go first (a change restarts the server).'),
    scrape_interval: z
      .string()
      .regex(DURATION, DURATION_MESSAGE)
      .default('15s')
      .describe('How often targets are scraped.'),
    evaluation_interval: z
      .string()
      .regex(DURATION, DURATION_MESSAGE)
      .default('15s')
      .describe('How often rules are evaluated.'),
    external_labels: labels.describe('Labels added to every series and alert leaving this server.'),
    node_exporter: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "Scrape every server of the infra that runs the node-exporter task service (job 'node').",
          ),
        port: z.number().int().min(1).max(65535).default(9100).describe('The port node-exporter listens on.'),
      })
      .default({ enabled: true, port: 9100 })
      .describe('Targets from the infra: the servers running node-exporter, at their addresses.'),
    scrape_configs: z
      .array(scrapeJob)
      .default([])
      .describe("Further jobs with static targets, after 'prometheus' (itself) and 'node'."),
    rules: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a file name without extension: a-z, 0-9, _ and -'),
        z.string().min(1),
      )
      .default({})
      .describe(
        'Rules files (name: YAML content with groups), written to /etc/prometheus/rules/<name>.yml; promtool checks them with the config before either replaces the live one.',
      ),
  })
  .superRefine((params, ctx) => {
    const names = ['prometheus', ...(params.node_exporter.enabled ? ['node'] : [])];
    params.scrape_configs.forEach((job, index) => {
      if (names.includes(job.job_name))
        ctx.addIssue({
          code: 'custom',
          path: ['scrape_configs', index, 'job_name'],
          message: `job "${job.job_name}" is used twice (prometheus and node are built in)`,
        });
      names.push(job.job_name);
    });
  });

export type PrometheusParams = z.output<typeof prometheusParams>;

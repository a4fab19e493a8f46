import type { InfraView } from '@provisioning/sdk';
import { serversRunning } from '@provisioning/sdk';
import type { PrometheusParams } from './params';

const HEADER = '# Written by the provisioning taskserv prometheus; changes here are overwritten.';

/** host:port for a target: IPv6 addresses in brackets. */
const target = (address: string, port: number) =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

/** One target group per server running node-exporter, labelled with the server's name; servers without an address yet are left out. */
export function nodeExporterTargets(
  infra: InfraView,
  port: number,
): Array<{ targets: string[]; labels: Record<string, string> }> {
  return serversRunning(infra, 'node-exporter')
    .filter((server) => server.address !== undefined)
    .map((server) => ({
      targets: [target(server.address as string, port)],
      labels: { server: server.name },
    }));
}

/**
 * prometheus.yml as JSON (YAML accepts it): itself, the infra's node-exporters, the extra jobs, and
 * the rules files in `rules/` beside it.
 */
export function prometheusConfig(params: PrometheusParams, infra: InfraView): string {
  const port = Number(params.listen_address.split(':').pop());
  const config = {
    global: {
      scrape_interval: params.scrape_interval,
      evaluation_interval: params.evaluation_interval,
      ...(Object.keys(params.external_labels).length ? { external_labels: params.external_labels } : {}),
    },
    rule_files: Object.keys(params.rules).length ? ['rules/*.yml'] : [],
    scrape_configs: [
      { job_name: 'prometheus', static_configs: [{ targets: [`localhost:${port}`] }] },
      ...(params.node_exporter.enabled
        ? [{ job_name: 'node', static_configs: nodeExporterTargets(infra, params.node_exporter.port) }]
        : []),
      ...params.scrape_configs.map((job) => ({
        job_name: job.job_name,
        metrics_path: job.metrics_path,
        scheme: job.scheme,
        ...(job.scrape_interval ? { scrape_interval: job.scrape_interval } : {}),
        static_configs: [
          { targets: job.targets, ...(Object.keys(job.labels).length ? { labels: job.labels } : {}) },
        ],
      })),
    ],
  };
  return `${HEADER}\n${JSON.stringify(config, null, 2)}\n`;
}

/** /etc/default/prometheus: the flags Debian's unit passes ($ARGS). */
export function prometheusDefaults(params: PrometheusParams): string {
  const flags = [
    '--config.file=/etc/prometheus/prometheus.yml',
    '--storage.tsdb.path=/var/lib/prometheus/metrics2/',
    `--storage.tsdb.retention.time=${params.retention_time}`,
    ...(params.retention_size ? [`--storage.tsdb.retention.size=${params.retention_size}`] : []),
    `--web.listen-address=${params.listen_address}`,
  ];
  return `${HEADER}\nARGS="${flags.join(' ')}"\n`;
}

import type { CaddyParams, SiteParams } from './params';

function siteBlock(site: SiteParams): string[] {
  const body: string[] = [];
  if (site.encode) body.push('encode zstd gzip');
  if (site.reverse_proxy) {
    const proxy = site.reverse_proxy;
    body.push(`reverse_proxy ${proxy.upstreams.join(' ')} {`, `\tlb_policy ${proxy.lb_policy}`);
    if (proxy.health_uri)
      body.push(`\thealth_uri ${proxy.health_uri}`, `\thealth_interval ${proxy.health_interval}`);
    body.push('}');
  } else {
    body.push(`root * ${site.root}`, 'file_server');
  }
  return [`${site.address} {`, ...body.map((line) => `\t${line}`), '}'];
}

/** The whole Caddyfile: global options, then one block per site. */
export function caddyfile(params: CaddyParams): string {
  const global = [
    ...(params.automatic_https ? [] : ['auto_https off']),
    ...(params.email ? [`email ${params.email}`] : []),
  ];
  return [
    '# Managed by provisioning (taskserv caddy); changes here are overwritten on the next apply.',
    ...(global.length ? ['{', ...global.map((line) => `\t${line}`), '}', ''] : []),
    ...params.sites.flatMap((site, index) => [...(index ? [''] : []), ...siteBlock(site)]),
    '',
  ].join('\n');
}

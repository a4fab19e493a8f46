import type { NginxParams } from './params';

/** Rendered by the engine with eta (`it` = the params below), exactly like a template file. */
export const SITE_TEMPLATE = `# Managed by provisioning (taskserv nginx); changes here are overwritten on the next apply.
server {
    listen <%= it.port %>;
<% if (it.ipv6) { -%>
    listen [::]:<%= it.port %>;
<% } -%>
    server_name <%= it.serverName %>;
<% if (it.upstream) { -%>

    location / {
        proxy_pass <%= it.upstream %>;
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
<% } else { -%>
    root <%= it.root %>;
    index index.html index.htm index.nginx-debian.html;

    location / {
        try_files $uri $uri/ =404;
    }
<% } -%>
}
`;

export function siteTemplateParams(params: NginxParams): Record<string, unknown> {
  return {
    port: params.port,
    ipv6: params.ipv6,
    serverName: params.server_name,
    ...(params.upstream ? { upstream: params.upstream } : { root: params.root }),
  };
}

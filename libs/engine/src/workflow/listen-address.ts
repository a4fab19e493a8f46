/** `host:port` (IPv6 in brackets) as an HTTP front door's --listen or --http takes it; port 0 picks a free one. */
export function parseListen(text: string, flag = '--listen'): { hostname: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new Error(`${flag} ${text} is not host:port (e.g. 127.0.0.1:9090)`);
  return { hostname: match[1].replace(/^\[|\]$/g, ''), port };
}

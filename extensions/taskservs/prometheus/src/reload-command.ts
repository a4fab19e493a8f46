import { quote } from '@provisioning/sdk';

/** The URL this host reaches its own Prometheus on, from `--web.listen-address` ([address]:port). */
export function localUrl(listenAddress: string): string {
  const cut = listenAddress.lastIndexOf(':');
  const host = listenAddress.slice(0, cut);
  const port = listenAddress.slice(cut + 1);
  const local = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
  return `http://${local}:${port}`;
}

/**
 * Makes the running Prometheus read its live config. Debian's unit reloads with SIGHUP, and a
 * Prometheus that has not yet installed its SIGHUP handler dies of it; systemd counts death by
 * SIGHUP as a clean exit, so `Restart=on-failure` leaves it down. The unit is Type=simple, so a
 * restart earlier in the same apply (new flags) returns before that handler exists. So: reload
 * once it answers a query (ready, handler long installed); if it never does within the wait,
 * restart, which reads the live config too.
 */
export function reloadWhenServing(listenAddress: string, waitSeconds = 60): string {
  const probe = `promtool query instant ${quote(localUrl(listenAddress))} 'vector(1)' >/dev/null 2>&1`;
  return [
    '{ ready=no; i=0',
    `while [ $i -lt ${waitSeconds * 2} ]; do if ${probe}; then ready=yes; break; fi; i=$((i+1)); sleep 0.5; done`,
    'if [ $ready = yes ]; then systemctl reload prometheus; else systemctl restart prometheus; fi; }',
  ].join('; ');
}

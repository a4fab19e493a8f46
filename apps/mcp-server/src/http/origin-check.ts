/** Hostnames whose pages may call the server without being configured: the machine itself. */
const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request's Origin header may reach the server. No Origin (assistants, scripts) passes:
 * the token guards those. A browser page passes only from a localhost origin or one configured, so
 * a web site the user visits cannot drive the server (DNS rebinding, cross-site requests).
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTNAMES.has(url.hostname);
}

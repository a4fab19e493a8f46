/** How long to wait before try number `attempt` (1 = the first retry): exponential, capped, full jitter. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/**
 * The wait a 429 or 503 asks for, in milliseconds, or undefined when it names none.
 * `Retry-After` is delta-seconds or an HTTP date (RFC 9110). `RateLimit-Reset` is a Unix time in
 * seconds at Hetzner and DigitalOcean, and delta-seconds in the IETF draft: a value past the year
 * 2001 in seconds is read as a Unix time, a smaller one as a delay.
 */
export function serverRequestedDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) {
    const value = Number(reset);
    return value > 1_000_000_000 ? Math.max(0, value * 1000 - now) : value * 1000;
  }
  return undefined;
}

import { backoffDelay, serverRequestedDelay } from './retry-delay';

describe('backoffDelay', () => {
  it('doubles the ceiling per retry up to the maximum, and jitters below it', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 100, 1000, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffDelay(3, 100, 1000, () => 0.5)).toBe(200);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
  });
});

describe('serverRequestedDelay', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(serverRequestedDelay(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(serverRequestedDelay(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), now)).toBe(
      10_000,
    );
  });
  it('reads RateLimit-Reset as a Unix time (Hetzner, DigitalOcean) or a delay (IETF draft)', () => {
    expect(serverRequestedDelay(new Headers({ 'ratelimit-reset': String(now / 1000 + 5) }), now)).toBe(5000);
    expect(serverRequestedDelay(new Headers({ 'ratelimit-reset': '7' }), now)).toBe(7000);
  });
  it('prefers Retry-After, and names no wait when neither header is there', () => {
    expect(serverRequestedDelay(new Headers({ 'retry-after': '1', 'ratelimit-reset': '9' }), now)).toBe(1000);
    expect(serverRequestedDelay(new Headers(), now)).toBeUndefined();
  });
});

import { originAllowed } from './origin-check';

describe('originAllowed', () => {
  it.each([
    [undefined, true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:8080', true],
    ['http://[::1]:8080', true],
    ['https://localhost', true],
    ['https://console.example.test', true],
    ['https://evil.example.test', false],
    ['http://localhost.evil.example.test', false],
    ['null', false],
    ['file://', false],
  ])('origin %s allowed: %s', (origin, allowed) => {
    expect(originAllowed(origin, ['https://console.example.test'])).toBe(allowed);
  });
});

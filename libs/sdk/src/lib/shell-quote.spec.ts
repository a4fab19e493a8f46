import { execFileSync } from 'node:child_process';
import { command, quote, ShellQuoteError } from './shell-quote';

function roundTrip(value: string): string {
  return execFileSync('/bin/sh', ['-c', `printf %s ${quote(value)}`], { encoding: 'utf8' });
}

describe('quote', () => {
  it.each([
    ['plain', 'plain'],
    ['/etc/redis/redis.conf', '/etc/redis/redis.conf'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", `'it'\\''s'`],
    ['$(reboot)', "'$(reboot)'"],
  ])('quotes %j as %s', (input, expected) => {
    expect(quote(input)).toBe(expected);
  });

  it.each([
    'a b',
    "quote's",
    '"double"',
    '; rm -rf / #',
    '`id`',
    '$HOME $(id) ${PATH}',
    'line1\nline2',
    'tab\there',
    'back\\slash',
    'glob * ? [a]',
    'ünïcødé ✓ 日本',
    '-n',
    '~root',
  ])('round-trips %j byte-exact through a real /bin/sh', (value) => {
    expect(roundTrip(value)).toBe(value);
  });

  it('refuses a NUL byte instead of silently truncating the argument', () => {
    expect(() => quote('a\0b')).toThrow(ShellQuoteError);
  });
});

describe('command', () => {
  it('quotes the program and every argument as separate words', () => {
    expect(command('printf', '%s\\n', 'a b', "c'd")).toBe(`printf '%s\\n' 'a b' 'c'\\''d'`);
  });
});

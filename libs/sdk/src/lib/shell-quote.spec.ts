import { execFileSync } from 'node:child_process';
import { installedProgram } from '../testing/installed-program';
import { command, loginShellCommand, quote, ShellQuoteError } from './shell-quote';

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

/** Login shells an SSH user may have. */
const LOGIN_SHELLS = ['sh', 'bash', 'zsh', 'mksh', 'tcsh', 'fish'].map((name) =>
  installedProgram(name, `loginShellCommand under ${name}`),
);

describe.each(LOGIN_SHELLS)('loginShellCommand from a $name login shell', (shell) => {
  const values = [
    "quote's",
    "back\\slash \\\\ two, and \\' one before a quote",
    'bang! !! !$ !-1 history',
    '$HOME $(id) `id` ${PATH}',
    'glob * ? [a] ~root',
    '; rm -rf / #',
    'ünïcødé ✓',
  ];
  (shell.skipped ? it.skip : it).each(values)('hands sh %j byte-exact', (value) => {
    // As sshd runs it: `<login shell> -c <line>`, the line running sh, which prints its argument.
    const line = loginShellCommand('/bin/sh', '-c', 'printf %s "$1"', 'sh', value);
    expect(execFileSync(shell.require(), ['-c', line], { encoding: 'utf8' })).toBe(value);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryMatches, knownHostsName, parseKnownHosts, readKnownHosts } from './known-hosts-file';

const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIHJ4c2l0bWlzc2luZ2tleWZvcnRlc3RzMTIzNDU2Nzg5';

describe('knownHostsName', () => {
  it('uses the bare address on port 22 and [address]:port elsewhere, as OpenSSH records them', () => {
    expect(knownHostsName('10.0.0.5', 22)).toBe('10.0.0.5');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });
});

describe('parseKnownHosts', () => {
  it('reads entries with markers and skips comments, blank and malformed lines', () => {
    const entries = parseKnownHosts(
      [
        `# comment`,
        '',
        `web1,10.0.0.5 ssh-ed25519 ${KEY} me@laptop`,
        `@revoked bad ssh-ed25519 ${KEY}`,
        'garbage-line',
        `@unknown-marker x ssh-ed25519 ${KEY}`,
      ].join('\n'),
      'kh',
    );
    expect(entries.map((entry) => [entry.line, entry.marker, entry.hosts, entry.keyType])).toEqual([
      [3, undefined, 'web1,10.0.0.5', 'ssh-ed25519'],
      [4, '@revoked', 'bad', 'ssh-ed25519'],
    ]);
  });
});

describe('entryMatches', () => {
  it.each([
    ['web1,10.0.0.5', '10.0.0.5', true],
    ['web1,10.0.0.5', '10.0.0.6', false],
    ['[10.0.0.5]:2222', '[10.0.0.5]:2222', true],
    ['[10.0.0.5]:2222', '10.0.0.5', false],
    ['*.example.com', 'db.example.com', true],
    ['*.example.com,!secret.example.com', 'secret.example.com', false],
    ['10.0.0.?', '10.0.0.7', true],
    ['WEB1', 'web1', true],
  ])('pattern %j against %j is %s', (hosts, name, expected) => {
    expect(entryMatches(hosts, name)).toBe(expected);
  });

  it('matches hashed entries written by ssh-keygen -H, including the [host]:port form', () => {
    const dir = mkdtempSync(join(tmpdir(), 'known-hosts-'));
    try {
      const file = join(dir, 'known_hosts');
      writeFileSync(file, `10.1.2.3 ssh-ed25519 ${KEY}\n[10.1.2.3]:2200 ssh-ed25519 ${KEY}\n`);
      execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
      const [plainPort, otherPort] = parseKnownHosts(readFileSync(file, 'utf8'), file);
      expect(plainPort?.hosts).toMatch(/^\|1\|/);
      expect(entryMatches(plainPort?.hosts ?? '', '10.1.2.3')).toBe(true);
      expect(entryMatches(plainPort?.hosts ?? '', '10.1.2.4')).toBe(false);
      expect(entryMatches(otherPort?.hosts ?? '', '[10.1.2.3]:2200')).toBe(true);
      expect(entryMatches(otherPort?.hosts ?? '', '10.1.2.3')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readKnownHosts on hostile paths', () => {
  it('refuses a FIFO and a device instead of blocking on them, and reads a missing file as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'known-hosts-'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => readKnownHosts(join(dir, 'fifo'))).toThrow(/is not a regular file/);
    expect(() => readKnownHosts('/dev/zero')).toThrow(/is not a regular file/);
    expect(readKnownHosts(join(dir, 'missing'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

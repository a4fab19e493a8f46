import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Stand-in release artifacts for installer tests, named as such: tiny shell scripts that print a
 * version like the real tools do, one plain and one in a tar.gz, with their real sha256 in a
 * catalog override that points `{mirror}` at whatever serves `dir` (a loopback server, the
 * testbed's artifact server). `standin-broken@2.0.0` prints the wrong version, to prove a failed
 * verification leaves the previous version in place.
 */
export interface StandInArtifacts {
  /** File name (relative to the served root) to content. */
  files: Record<string, Buffer>;
  /** The catalog override (YAML) for a mirror URL. */
  catalogFor(mirror: string): string;
}

const script = (name: string, printed: string) =>
  `#!/bin/sh\n# stand-in for a real release binary (installer tests)\necho "${name} version v${printed}"\n`;

export function standInArtifacts(): StandInArtifacts {
  const files: Record<string, Buffer> = {
    'standin/v1.0.0/standin_linux_amd64': Buffer.from(script('standin', '1.0.0')),
    'standin/v2.0.0/standin_linux_amd64': Buffer.from(script('standin', '2.0.0')),
    'standin/v2.1.0/standin_linux_amd64': Buffer.from(script('standin', '9.9.9')),
    // served, but its catalog sha256 is zeros: a tampered or corrupted download
    'standin/v3.0.0/standin_linux_amd64': Buffer.from(script('standin', '3.0.0')),
    'standin-tgz/standin-tgz-1.0.0-linux-amd64.tar.gz': tarGz(
      'standin-tgz-1.0.0-linux-amd64/standin-tgz',
      script('standin-tgz', '1.0.0'),
    ),
  };
  const sha = (file: string) => createHash('sha256').update(files[file]).digest('hex');
  const catalogFor = (mirror: string) =>
    [
      'tools:',
      '  standin:',
      '    description: stand-in for a single-binary release (tests)',
      `    mirror: ${mirror}`,
      "    url: '{mirror}/standin/v{version}/standin_{os}_{arch}'",
      '    archive: none',
      '    os: { linux: linux }',
      '    arch: { amd64: amd64 }',
      '    versionArgs: [--version]',
      "    defaultVersion: '1.0.0'",
      '    versions:',
      `      '1.0.0': { linux-amd64: '${sha('standin/v1.0.0/standin_linux_amd64')}' }`,
      `      '2.0.0': { linux-amd64: '${sha('standin/v2.0.0/standin_linux_amd64')}' }`,
      `      '2.1.0': { linux-amd64: '${sha('standin/v2.1.0/standin_linux_amd64')}' }`,
      `      '3.0.0': { linux-amd64: '${'0'.repeat(64)}' }`,
      '  standin-tgz:',
      '    description: stand-in for a release in a tar.gz (tests)',
      `    mirror: ${mirror}`,
      "    url: '{mirror}/standin-tgz/standin-tgz-{version}-{os}-{arch}.tar.gz'",
      '    archive: tar.gz',
      "    member: 'standin-tgz-{version}-{os}-{arch}/standin-tgz'",
      '    os: { linux: linux }',
      '    arch: { amd64: amd64 }',
      '    versionArgs: [--version]',
      "    defaultVersion: '1.0.0'",
      '    versions:',
      `      '1.0.0': { linux-amd64: '${sha('standin-tgz/standin-tgz-1.0.0-linux-amd64.tar.gz')}' }`,
      '',
    ].join('\n');
  return { files, catalogFor };
}

/** Writes the artifacts under `dir` (e.g. the testbed's artifacts directory). */
export function writeStandInArtifacts(dir: string, artifacts: StandInArtifacts = standInArtifacts()): void {
  for (const [name, content] of Object.entries(artifacts.files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

function tarGz(member: string, content: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'));
  try {
    mkdirSync(join(dir, member, '..'), { recursive: true });
    writeFileSync(join(dir, member), content);
    chmodSync(join(dir, member), 0o755);
    execFileSync(
      'tar',
      [
        '--sort=name',
        '--mtime=@0',
        '--owner=0',
        '--group=0',
        '--numeric-owner',
        '-czf',
        join(dir, 'out.tar.gz'),
        '-C',
        dir,
        member.split('/')[0],
      ],
      { env: { ...process.env, GZIP: '-n' } },
    );
    return readFileSync(join(dir, 'out.tar.gz'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

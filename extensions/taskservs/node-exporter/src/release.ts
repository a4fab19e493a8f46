import { TaskservParamsError } from '@provisioning/sdk';
import type { HostFacts } from '@provisioning/sdk';
import type { NodeExporterParams } from './params';

export type ReleaseArch = 'amd64' | 'arm64';

/** sha256 of the release tarballs, from the release's sha256sums.txt. */
export const KNOWN_RELEASES: Readonly<Record<string, Readonly<Record<ReleaseArch, string>>>> = {
  '1.8.2': {
    amd64: '6809dd0b3ec45fd6e992c19071d6b5253aed3ead7bf0686885a51d85c6643c66',
    arm64: '627382b9723c642411c33f48861134ebe893e70a63bcc8b3fc0619cd0bfac4be',
  },
};

const ARCHES: Readonly<Record<string, ReleaseArch>> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
};

export interface Release {
  arch: ReleaseArch;
  /** The tarball's top directory, `node_exporter-1.8.2.linux-amd64`. */
  name: string;
  url: string;
  sha256: string;
}

const invalid = (host: HostFacts, problem: string) =>
  new TaskservParamsError(
    `Params of task service "node-exporter" for host "${host.hostname}" are invalid; fix them in the infra definition`,
    [problem],
  );

export function release(params: NodeExporterParams, host: HostFacts): Release {
  const arch = ARCHES[host.arch];
  if (!arch)
    throw invalid(host, `(host): node_exporter is released for amd64 and arm64; this host is ${host.arch}`);
  const sha256 = params.sha256[arch] ?? KNOWN_RELEASES[params.version]?.[arch];
  if (!sha256) {
    throw invalid(
      host,
      `sha256.${arch}: node_exporter ${params.version} is not among the known releases (${Object.keys(KNOWN_RELEASES).join(', ')}); give its sha256 from the release's sha256sums.txt`,
    );
  }
  const name = `node_exporter-${params.version}.linux-${arch}`;
  return { arch, name, url: `${params.mirror}/v${params.version}/${name}.tar.gz`, sha256 };
}

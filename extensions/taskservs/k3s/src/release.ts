import { TaskservParamsError } from '@provisioning/sdk';
import type { HostFacts } from '@provisioning/sdk';
import type { K3sParams } from './params';

export type ReleaseArch = 'amd64' | 'arm64';

/** sha256 of the release binaries (`k3s` and `k3s-arm64`), from the release's sha256sum-<arch>.txt. */
export const KNOWN_RELEASES: Readonly<Record<string, Readonly<Record<ReleaseArch, string>>>> = {
  'v1.32.3+k3s1': {
    amd64: 'b19216803650b567bf980888dec39035edaf664339c55bc4462f7a003edbef83',
    arm64: 'e1704d6dd74332acc8c398d36987663c7d559144b8ce789a83fd0ff1cb40cbaa',
  },
};

const ARCHES: Readonly<Record<string, ReleaseArch>> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
};
const ASSET: Readonly<Record<ReleaseArch, string>> = { amd64: 'k3s', arm64: 'k3s-arm64' };

export const paramsError = (host: HostFacts, problem: string) =>
  new TaskservParamsError(
    `Params of task service "k3s" for host "${host.hostname}" are invalid; fix them in the infra definition`,
    [problem],
  );

export function release(params: K3sParams, host: HostFacts): { url: string; sha256: string } {
  const arch = ARCHES[host.arch];
  if (!arch)
    throw paramsError(host, `(host): k3s is released here for amd64 and arm64; this host is ${host.arch}`);
  const sha256 = params.sha256[arch] ?? KNOWN_RELEASES[params.version]?.[arch];
  if (!sha256) {
    throw paramsError(
      host,
      `sha256.${arch}: k3s ${params.version} is not among the known releases (${Object.keys(KNOWN_RELEASES).join(', ')}); give its sha256 from the release's sha256sum-${arch}.txt`,
    );
  }
  return { url: `${params.mirror}/${params.version}/${ASSET[arch]}`, sha256 };
}

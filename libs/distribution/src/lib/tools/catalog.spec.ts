import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_TOOL_LAYOUT } from './layout';
import { CatalogError, loadCatalog, shippedCatalog } from './catalog';
import { parseInstalledTools } from './installed-tools';
import { parseToolSpec, resolveDownload } from './resolve-tool';

describe('tool catalog', () => {
  it('ships kubectl, helm, k3s, k9s, yq and node_exporter, each with a default version it records', () => {
    const catalog = shippedCatalog();
    expect(Object.keys(catalog.tools).sort()).toEqual([
      'helm',
      'k3s',
      'k9s',
      'kubectl',
      'node_exporter',
      'yq',
    ]);
    for (const entry of Object.values(catalog.tools))
      expect(entry.versions[entry.defaultVersion]).toBeDefined();
  });

  it.each([
    [
      'kubectl',
      '1.31.2',
      { os: 'linux', arch: 'arm64' },
      'https://dl.k8s.io/release/v1.31.2/bin/linux/arm64/kubectl',
      undefined,
    ],
    [
      'helm',
      '3.16.2',
      { os: 'linux', arch: 'amd64' },
      'https://get.helm.sh/helm-v3.16.2-linux-amd64.tar.gz',
      'linux-amd64/helm',
    ],
    [
      'k3s',
      '1.31.2+k3s1',
      { os: 'linux', arch: 'arm' },
      'https://github.com/k3s-io/k3s/releases/download/v1.31.2%2Bk3s1/k3s-armhf',
      undefined,
    ],
    [
      'k9s',
      '0.32.7',
      { os: 'linux', arch: 'arm' },
      'https://github.com/derailed/k9s/releases/download/v0.32.7/k9s_Linux_armv7.tar.gz',
      'k9s',
    ],
    [
      'node_exporter',
      '1.8.2',
      { os: 'linux', arch: 'arm64' },
      'https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-arm64.tar.gz',
      'node_exporter-1.8.2.linux-arm64/node_exporter',
    ],
  ] as const)('builds the publisher URL of %s %s for %j', (name, version, platform, url, member) => {
    const entry = shippedCatalog().tools[name];
    const resolved = resolveDownload(name, entry, version, platform, { sha256: 'a'.repeat(64) });
    expect(resolved).toEqual({ url, sha256: 'a'.repeat(64), ...(member ? { member } : {}) });
  });

  it('replaces the download host with a mirror', () => {
    const entry = shippedCatalog().tools['yq'];
    expect(
      resolveDownload(
        'yq',
        entry,
        '4.44.3',
        { os: 'linux', arch: 'amd64' },
        { sha256: 'b'.repeat(64), mirror: 'http://10.0.0.2:8080/' },
      ).url,
    ).toBe('http://10.0.0.2:8080/v4.44.3/yq_linux_amd64');
  });

  it('refuses a platform without a verified sha256 unless the user vouches for one', () => {
    const entry = shippedCatalog().tools['kubectl'];
    expect(() => resolveDownload('kubectl', entry, '1.31.2', { os: 'linux', arch: 'amd64' })).toThrow(
      CatalogError,
    );
    expect(() => resolveDownload('kubectl', entry, '9.9.9', { os: 'linux', arch: 'amd64' })).toThrow(
      /has no kubectl version 9.9.9/,
    );
  });

  it('lays an override over the shipped catalog, merging the versions of a tool', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      const file = join(dir, 'tools.yaml');
      writeFileSync(
        file,
        `tools:\n  kubectl:\n    versions:\n      '1.31.2': { linux-amd64: '${'c'.repeat(64)}' }\n`,
      );
      const entry = loadCatalog(file).tools['kubectl'];
      expect(entry.versions['1.31.2']).toMatchObject({ 'linux-amd64': 'c'.repeat(64), 'linux-arm64': null });
      expect(entry.url).toBe(shippedCatalog().tools['kubectl'].url);
      writeFileSync(
        file,
        `tools:\n  evil:\n    description: x\n    mirror: https://x\n    url: '{mirror}/x.tgz'\n    archive: tar.gz\n    member: ../../etc/passwd\n    os: { linux: linux }\n    arch: { amd64: amd64 }\n    versionArgs: [x]\n    defaultVersion: '1'\n    versions: {}\n`,
      );
      expect(() => loadCatalog(file)).toThrow(
        /tools\.evil\.member: a relative path inside the archive, without \.\./,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['kubectl', 'kubectl@1.31.2', 'k3s@1.31.2+k3s1'])('parses %s as a tool spec', (spec) => {
    expect(parseToolSpec(spec).name).toBe(spec.split('@')[0]);
  });

  it('rejects a spec with shell characters', () => {
    expect(() => parseToolSpec('kubectl@1;rm -rf /')).toThrow(/is not TOOL or TOOL@VERSION/);
  });

  it("tells our installs from a link on PATH that is not Provisioning's", () => {
    const catalog = shippedCatalog();
    const text = [
      'tool=kubectl\t/opt/provisioning/tools/kubectl/1.31.2/kubectl\t1.31.2 1.30.0 ',
      'tool=helm\t/usr/bin/helm-3\t',
      'tool=yq\t\t',
    ].join('\n');
    expect(parseInstalledTools(text, catalog, HOST_TOOL_LAYOUT)).toEqual([
      { name: 'kubectl', active: '1.31.2', versions: ['1.31.2', '1.30.0'] },
      { name: 'helm', active: null, versions: [], foreignLink: '/usr/bin/helm-3' },
    ]);
  });
});

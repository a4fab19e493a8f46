import {
  absent,
  defineTaskserv,
  directory,
  download,
  file,
  group,
  link,
  pkg,
  quote,
  shell,
  service,
  user,
} from '@provisioning/sdk';
import { nodeExporterParams } from './params';
import { release } from './release';
import { BINARY_LINK, unitFile } from './unit-file';

export const INSTALL_DIR = '/opt/node_exporter';
export const UNIT_PATH = '/etc/systemd/system/node_exporter.service';
const ACCOUNT = 'node_exporter';

export const NODE_EXPORTER_OPERATION_IDS = {
  curl: 'package:curl',
  group: 'group:node_exporter',
  user: 'user:node_exporter',
  installDir: 'directory:node-exporter',
  tarball: 'download:node-exporter',
  extract: 'shell:extract-node-exporter',
  binary: 'link:node-exporter',
  unit: 'file:node-exporter-unit',
  service: 'service:node_exporter',
} as const;
const ids = NODE_EXPORTER_OPERATION_IDS;

/**
 * The release tarball, verified by sha256 and unpacked into a directory per version; the binary
 * on PATH is a link to it, so a version change is a new download plus a relink, and the restart
 * follows the link and the unit file.
 */
export const nodeExporter = defineTaskserv({
  name: 'node-exporter',
  version: '0.1.0',
  description:
    'Prometheus node_exporter from its release tarball (sha256-checked, mirror-able), as a systemd service.',
  params: nodeExporterParams,
  install: ({ params, host }) => {
    const { name, url, sha256 } = release(params, host);
    const tarball = `${INSTALL_DIR}/${name}.tar.gz`;
    const binary = `${INSTALL_DIR}/${name}/node_exporter`;
    return [
      // The download operation fetches with curl (or wget) on the host.
      pkg({ id: ids.curl, names: ['curl'] }),
      group({ id: ids.group, name: ACCOUNT, system: true }),
      user({
        id: ids.user,
        name: ACCOUNT,
        group: ACCOUNT,
        system: true,
        shell: '/usr/sbin/nologin',
        after: [ids.group],
      }),
      directory({ id: ids.installDir, path: INSTALL_DIR, mode: '0755' }),
      // Ahead of the unpack (a shell operation), so a unit-only change is planned exactly.
      file({ id: ids.unit, path: UNIT_PATH, content: unitFile(params), mode: '0644' }),
      download({
        id: ids.tarball,
        url,
        sha256,
        path: tarball,
        mode: '0644',
        after: [ids.curl, ids.installDir],
      }),
      shell({
        id: ids.extract,
        description: `unpack ${name}`,
        command: `tar -xzf ${quote(tarball)} -C ${quote(INSTALL_DIR)} ${quote(`${name}/node_exporter`)}`,
        creates: binary,
        after: [ids.tarball],
      }),
      link({ id: ids.binary, path: BINARY_LINK, target: binary, after: [ids.extract] }),
      service({
        id: ids.service,
        name: 'node_exporter',
        enabled: true,
        state: 'started',
        restartOn: [ids.binary, ids.unit],
        after: [ids.user, ids.binary, ids.unit],
      }),
    ];
  },
  remove: () => [
    // One guarded command: stopping needs the unit, and systemd must forget it once it is gone.
    shell({
      id: 'shell:stop-node-exporter',
      description: 'stop and disable node_exporter, remove its unit',
      command: `systemctl disable --now node_exporter.service && rm -f ${quote(UNIT_PATH)} && systemctl daemon-reload`,
      onlyIf: `test -f ${quote(UNIT_PATH)}`,
    }),
    absent({ id: ids.binary, path: BINARY_LINK, after: ['shell:stop-node-exporter'] }),
    absent({ id: ids.installDir, path: INSTALL_DIR, recursive: true, after: ['shell:stop-node-exporter'] }),
    user({ id: ids.user, name: ACCOUNT, state: 'absent', after: ['shell:stop-node-exporter'] }),
    group({ id: ids.group, name: ACCOUNT, state: 'absent', after: [ids.user] }),
  ],
});

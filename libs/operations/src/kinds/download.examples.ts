import { download } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

/** The checksum of the example payload the tests serve ("provisioning example payload\n"). */
export const EXAMPLE_PAYLOAD = 'provisioning example payload\n';
export const EXAMPLE_PAYLOAD_SHA256 = 'f47a201715910b8d8cc1ffe72329172160cd55b26746c7f48d3ea70dbbda67dc';

export const downloadExamples = (baseUrl: string): OperationExample[] => [
  {
    title: 'A release binary fetched once, verified by sha256, kept in the host cache',
    runsOn: 'local',
    operations: (root) => [
      download({
        url: `${baseUrl}/tool`,
        sha256: EXAMPLE_PAYLOAD_SHA256,
        path: `${root}/usr/local/bin/tool`,
        mode: '0755',
        cacheDir: `${root}/cache`,
      }),
    ],
  },
];

/** A small EC2 catalogue with the names and fields AWS publishes. */
export const INSTANCE_TYPES = [
  { type: 't3.micro', vcpus: 2, memoryMib: 1024 },
  { type: 't3.small', vcpus: 2, memoryMib: 2048 },
  { type: 't3.medium', vcpus: 2, memoryMib: 4096 },
  { type: 'm5.large', vcpus: 2, memoryMib: 8192 },
  { type: 'm5.xlarge', vcpus: 4, memoryMib: 16384 },
];

/** Debian's official account publishes its AMIs as debian-12-amd64-<date>-<build>. */
export const DEBIAN_OWNER = '136693071363';
export const IMAGES = [
  {
    id: 'ami-0a1b2c3d4e5f60001',
    name: 'debian-12-amd64-20260901-2231',
    owner: DEBIAN_OWNER,
    created: '2026-09-01T12:00:00.000Z',
  },
  {
    id: 'ami-0a1b2c3d4e5f60002',
    name: 'debian-12-amd64-20261101-2301',
    owner: DEBIAN_OWNER,
    created: '2026-11-01T12:00:00.000Z',
  },
  {
    id: 'ami-0a1b2c3d4e5f60003',
    name: 'debian-13-amd64-20261101-2301',
    owner: DEBIAN_OWNER,
    created: '2026-11-01T12:00:00.000Z',
  },
];

export const zonesOf = (region: string) => ['a', 'b', 'c'].map((letter) => `${region}${letter}`);

import {
  assessAvailability,
  BASE_BUILD_PROGRAMS,
  probeMachine,
  REQUIRED_PROGRAMS,
  type MachineFacts,
} from './availability';

const everything: MachineFacts = {
  platform: 'linux',
  uid: 0,
  programs: new Set([...Object.keys(REQUIRED_PROGRAMS), ...Object.keys(BASE_BUILD_PROGRAMS)]),
  overlayFs: true,
  namespaces: ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'],
  cgroupFs: 'tmpfs',
  baseBuilt: true,
};

describe('assessAvailability', () => {
  it('is available on a Linux root shell with nspawn, overlayfs and cgroups', () => {
    expect(assessAvailability(everything)).toEqual({ available: true, missing: [] });
  });

  it('names root as missing for an unprivileged developer', () => {
    const result = assessAvailability({ ...everything, uid: 1000 });
    expect(result.available).toBe(false);
    expect(result.missing).toEqual([expect.stringMatching(/^root \(run as root/)]);
  });

  it('names systemd-nspawn and the Debian package that provides it', () => {
    const programs = new Set([...everything.programs].filter((program) => program !== 'systemd-nspawn'));
    expect(assessAvailability({ ...everything, programs }).missing).toEqual([
      expect.stringContaining('systemd-nspawn (apt-get install --no-install-recommends systemd-container'),
    ]);
  });

  it('needs debootstrap only while the base image is not built', () => {
    const programs = new Set([...everything.programs].filter((program) => program !== 'debootstrap'));
    expect(assessAvailability({ ...everything, programs }).available).toBe(true);
    expect(assessAvailability({ ...everything, programs, baseBuilt: false }).missing).toEqual([
      expect.stringContaining('debootstrap'),
    ]);
  });

  it('names the kernel namespaces a restricted kernel or sandbox lacks', () => {
    const result = assessAvailability({ ...everything, namespaces: ['mnt', 'uts', 'ipc'] });
    expect(result.missing).toEqual([expect.stringMatching(/^kernel namespaces pid, net /)]);
  });

  it('lists every missing piece on a non-Linux laptop', () => {
    const result = assessAvailability({
      platform: 'darwin',
      uid: 501,
      programs: new Set(),
      overlayFs: false,
      namespaces: [],
      cgroupFs: undefined,
      baseBuilt: false,
    });
    expect(result.missing[0]).toMatch(/^Linux \(this is darwin/);
    expect(result.missing.some((line) => line.startsWith('overlay filesystem'))).toBe(true);
    expect(result.missing.some((line) => line.startsWith('a cgroup filesystem'))).toBe(true);
    expect(result.missing.length).toBeGreaterThan(5);
  });
});

describe('probeMachine', () => {
  it('reports the platform and uid of the current process', () => {
    const facts = probeMachine(true, { PATH: '' });
    expect(facts.platform).toBe(process.platform);
    expect(facts.uid).toBe(process.getuid?.());
  });

  it('sees the namespaces of this Linux kernel', () => {
    expect(probeMachine(true).namespaces).toEqual(expect.arrayContaining(['mnt', 'pid']));
  });
});

import { z } from 'zod';

const REGISTRY = /^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?$/;
const URL = /^https?:\/\/[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9._~/-]*)?$/;
const IMAGE = /^[a-z0-9][a-z0-9._/:-]*(@sha256:[a-f0-9]{64})?$/;

export const containerdParams = z.strictObject({
  systemd_cgroup: z
    .boolean()
    .default(true)
    .describe('runc uses the systemd cgroup driver (what kubelet expects by default); false: cgroupfs.'),
  sandbox_image: z
    .string()
    .regex(IMAGE, 'must be an image reference such as registry.k8s.io/pause:3.6')
    .default('registry.k8s.io/pause:3.6')
    .describe('The pause image of Kubernetes pods.'),
  registry_mirrors: z
    .record(
      z.string().regex(REGISTRY, 'must be a registry host such as docker.io'),
      z.array(z.string().regex(URL, 'must be an http(s) URL')).min(1),
    )
    .default({})
    .describe(
      'Per registry host, mirror endpoints tried in order (then the registry itself), e.g. { docker.io: [https://mirror.example.com] }.',
    ),
  root: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path')
    .default('/var/lib/containerd')
    .describe('Where images and containers are stored.'),
});

export type ContainerdParams = z.output<typeof containerdParams>;

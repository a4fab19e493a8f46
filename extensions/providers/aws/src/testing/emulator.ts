import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { consoleHostKeyBlock } from '../lib/console-host-keys';
import { IMAGES, INSTANCE_TYPES, zonesOf } from './catalog';
import type { InstanceMachineBackend } from './machines';
import { filtersOf, listOf, tagsOf, wildcard } from './query';
import { signedRegion, sigV4Problem } from './sigv4';
import { errorXml, responseXml, type XmlValue } from './xml';

/** An answer the emulator gives instead of the real one, to test retries and errors. */
export interface Ec2Fault {
  action: string;
  status: number;
  /** EC2 error code (`RequestLimitExceeded`, `InternalError`, `Unavailable`...). */
  code: string;
  times?: number;
  /** Carry the request out first, then answer with the fault (the answer was lost, the work was done). */
  afterApplying?: boolean;
}

export interface Ec2EmulatorOptions {
  backend: InstanceMachineBackend;
  accessKeyId: string;
  secretAccessKey: string;
  /** The account's running On-Demand vCPU quota (default 32). */
  vcpuLimit?: number;
  /** Most instances one DescribeInstances page holds, whatever MaxResults asks (AWS may return fewer too). */
  pageSize?: number;
}

type StateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
const STATE_CODES: Record<StateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

interface EmulatedInstance {
  id: string;
  reservationId: string;
  imageId: string;
  type: string;
  vcpus: number;
  zone: string;
  state: StateName;
  privateIp: string;
  publicIp?: string;
  tags: Record<string, string>;
  clientToken?: string;
  launchTime: string;
  console: string;
}

class Ec2Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * An EC2 Query API (2016-11-15) emulator on a real HTTP server (loopback): form-encoded actions,
 * Signature Version 4 checked like EC2 checks it, XML answers and `<Response><Errors>` errors
 * with EC2's codes and statuses, RunInstances idempotent by ClientToken, DescribeInstances with
 * filters and NextToken pages, instance states (pending, running, stopping, stopped,
 * shutting-down, terminated) and console output with cloud-init's host key block.
 */
export class Ec2Emulator {
  readonly instances = new Map<string, EmulatedInstance>();
  /** Every request as `Action -> status`, for specs to assert on. */
  readonly requests: string[] = [];
  private readonly faults: (Ec2Fault & { left: number })[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private http?: Server;
  private ips = 10;

  constructor(private readonly options: Ec2EmulatorOptions) {}

  get endpoint(): string {
    const address = this.http?.address() as AddressInfo | null;
    if (!address) throw new Error('the emulator is not listening; call start() first');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.http = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.http?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  inject(fault: Ec2Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Terminates an instance the way someone in the console would: behind the tool's back. */
  async terminateBehindBack(id: string): Promise<void> {
    const instance = this.instances.get(id);
    if (!instance) throw new Error(`the emulator has no instance ${id}`);
    instance.state = 'terminated';
    instance.publicIp = undefined;
    await this.options.backend.destroy(id);
  }

  /** Instances that are not terminated. */
  live(): EmulatedInstance[] {
    return [...this.instances.values()].filter((instance) => instance.state !== 'terminated');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`;
    const body = await new Promise<string>((resolve, reject) => {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (text += chunk));
      request.on('end', () => resolve(text));
      request.on('error', reject);
    });
    const url = new URL(request.url ?? '/', 'http://emulator');
    const params = new URLSearchParams(request.method === 'POST' ? body : url.search);
    const action = params.get('Action') ?? '';
    const send = (status: number, xml: string) => {
      this.requests.push(`${action || '(none)'} -> ${status}`);
      response.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId });
      response.end(xml);
    };
    try {
      const problem = sigV4Problem(
        {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: request.method === 'POST' ? url.search : '',
          headers: request.headers,
          body,
        },
        this.options,
      );
      if (problem)
        throw new Ec2Error(problem.code === 'AuthFailure' ? 401 : 403, problem.code, problem.message);
      if (params.get('Version') !== '2016-11-15')
        throw new Ec2Error(
          400,
          'InvalidParameterValue',
          `Version ${params.get('Version')} is not 2016-11-15`,
        );
      const fault = this.faults.find((candidate) => candidate.left > 0 && candidate.action === action);
      if (fault) fault.left--;
      if (fault && !fault.afterApplying)
        throw new Ec2Error(fault.status, fault.code, `Injected ${fault.code} from the emulator.`);
      const result = this.act(action, params, signedRegion(request.headers));
      if (fault) throw new Ec2Error(fault.status, fault.code, `Injected ${fault.code} from the emulator.`);
      send(200, responseXml(action, requestId, result));
    } catch (error) {
      const failure =
        error instanceof Ec2Error ? error : new Ec2Error(500, 'InternalError', (error as Error).message);
      send(failure.status, errorXml(failure.code, failure.message, requestId));
    }
  }

  private act(action: string, params: URLSearchParams, region: string): Record<string, XmlValue> {
    switch (action) {
      case 'RunInstances':
        return this.run(params, region);
      case 'DescribeInstances':
        return this.describe(params);
      case 'TerminateInstances':
        return { instancesSet: this.ids(params).map((id) => this.transition(id, 'terminate')) };
      case 'StopInstances':
        return { instancesSet: this.ids(params).map((id) => this.transition(id, 'stop')) };
      case 'StartInstances':
        return { instancesSet: this.ids(params).map((id) => this.transition(id, 'start')) };
      case 'RebootInstances':
        for (const id of this.ids(params)) this.transition(id, 'reboot');
        return { return: true };
      case 'GetConsoleOutput': {
        const instance = this.find(params.get('InstanceId') ?? '');
        return {
          instanceId: instance.id,
          timestamp: new Date().toISOString(),
          ...(instance.console ? { output: Buffer.from(instance.console).toString('base64') } : {}),
        };
      }
      case 'DescribeImages': {
        const owners = listOf(params, 'Owner');
        const filters = filtersOf(params);
        const images = IMAGES.filter(
          (image) =>
            (owners.length === 0 || owners.includes(image.owner)) &&
            filters.every((f) =>
              f.name === 'name'
                ? f.values.some((v) => wildcard(v, image.name))
                : f.name !== 'state' || f.values.includes('available'),
            ),
        );
        return {
          imagesSet: images.map((image) => ({
            imageId: image.id,
            name: image.name,
            imageOwnerId: image.owner,
            creationDate: image.created,
            imageState: 'available',
            architecture: 'x86_64',
          })),
        };
      }
      case 'DescribeInstanceTypes':
        return {
          instanceTypeSet: INSTANCE_TYPES.map((t) => ({
            instanceType: t.type,
            vCpuInfo: { defaultVCpus: t.vcpus },
            memoryInfo: { sizeInMiB: t.memoryMib },
          })),
        };
      case 'DescribeAvailabilityZones':
        return {
          availabilityZoneInfo: zonesOf(region).map((zone, i) => ({
            zoneName: zone,
            zoneState: 'available',
            regionName: region,
            zoneId: `${region.replace(/-/g, '').slice(0, 4)}-az${i + 1}`,
          })),
        };
      default:
        throw new Ec2Error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    }
  }

  private ids(params: URLSearchParams): string[] {
    const ids = listOf(params, 'InstanceId');
    for (const id of ids) this.find(id);
    return ids;
  }

  private find(id: string): EmulatedInstance {
    const instance = this.instances.get(id);
    if (!instance)
      throw new Ec2Error(400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    return instance;
  }

  private run(params: URLSearchParams, region: string): Record<string, XmlValue> {
    const clientToken = params.get('ClientToken') ?? undefined;
    if (clientToken && clientToken.length > 64)
      throw new Ec2Error(400, 'InvalidParameterValue', 'ClientToken must be at most 64 ASCII characters');
    const earlier = clientToken
      ? [...this.instances.values()].find((i) => i.clientToken === clientToken)
      : undefined;
    if (earlier) return this.reservation(earlier);
    const imageId = params.get('ImageId') ?? '';
    if (!IMAGES.some((image) => image.id === imageId))
      throw new Ec2Error(400, 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
    const type = INSTANCE_TYPES.find((candidate) => candidate.type === params.get('InstanceType'));
    if (!type)
      throw new Ec2Error(
        400,
        'InvalidParameterValue',
        `Invalid value '${params.get('InstanceType')}' for InstanceType.`,
      );
    const zone = params.get('Placement.AvailabilityZone') ?? zonesOf(region)[0];
    if (!zonesOf(region).includes(zone))
      throw new Ec2Error(400, 'InvalidParameterValue', `Invalid availability zone: [${zone}]`);
    const used = this.live().reduce((sum, instance) => sum + instance.vcpus, 0);
    const limit = this.options.vcpuLimit ?? 32;
    if (used + type.vcpus > limit)
      throw new Ec2Error(
        400,
        'VcpuLimitExceeded',
        `You have requested more vCPU capacity than your current vCPU limit of ${limit} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
      );
    const userData = Buffer.from(params.get('UserData') ?? '', 'base64').toString('utf8');
    const tags = tagsOf(params);
    const id = `i-${hex(8).slice(0, 17)}`;
    const instance: EmulatedInstance = {
      id,
      reservationId: `r-${hex(8).slice(0, 17)}`,
      imageId,
      type: type.type,
      vcpus: type.vcpus,
      zone,
      state: 'pending',
      privateIp: `172.31.${(this.ips >> 8) & 255}.${this.ips++ & 255}`,
      tags,
      clientToken,
      launchTime: new Date().toISOString(),
      console: '',
    };
    this.instances.set(id, instance);
    const cloudConfig = (parse(userData || '{}') ?? {}) as { ssh_authorized_keys?: string[] };
    this.track(
      this.options.backend
        .boot({
          id,
          hostname: tags['Name'] ?? id,
          sshPublicKeys: cloudConfig.ssh_authorized_keys ?? [],
          userData,
        })
        .then(({ address, hostKeys }) => {
          if (instance.state !== 'pending') return;
          instance.publicIp = address;
          instance.state = 'running';
          instance.console = `[    0.000000] Linux version 6.1.0 (debian-kernel)\nCloud-init v. 24.1 finished\n${consoleHostKeyBlock(hostKeys.map((key) => `${key} root@${tags['Name'] ?? id}`))}`;
        })
        .catch(() => {
          instance.state = 'terminated';
        }),
    );
    return this.reservation(instance);
  }

  private reservation(instance: EmulatedInstance): Record<string, XmlValue> {
    return {
      reservationId: instance.reservationId,
      ownerId: '123456789012',
      groupSet: [],
      instancesSet: [this.instanceXml(instance)],
    };
  }

  private instanceXml(instance: EmulatedInstance): Record<string, XmlValue> {
    return {
      instanceId: instance.id,
      imageId: instance.imageId,
      instanceState: { code: STATE_CODES[instance.state], name: instance.state },
      privateIpAddress: instance.privateIp,
      ...(instance.publicIp ? { ipAddress: instance.publicIp } : {}),
      instanceType: instance.type,
      launchTime: instance.launchTime,
      placement: { availabilityZone: instance.zone, tenancy: 'default' },
      ...(instance.clientToken ? { clientToken: instance.clientToken } : {}),
      tagSet: Object.entries(instance.tags).map(([key, value]) => ({ key, value })),
    };
  }

  private describe(params: URLSearchParams): Record<string, XmlValue> {
    const ids = listOf(params, 'InstanceId');
    for (const id of ids) this.find(id);
    const filters = filtersOf(params);
    const matches = [...this.instances.values()].filter(
      (instance) =>
        (ids.length === 0 || ids.includes(instance.id)) &&
        filters.every((filter) => matchesFilter(instance, filter)),
    );
    const maxResults = params.get('MaxResults');
    if (maxResults && ids.length)
      throw new Ec2Error(
        400,
        'InvalidParameterCombination',
        'The parameter instancesSet cannot be used with the parameter maxResults',
      );
    const size = Math.min(Number(maxResults ?? 1000), this.options.pageSize ?? 1000);
    const offset = Number(Buffer.from(params.get('NextToken') ?? '', 'base64').toString() || '0');
    const page = matches.slice(offset, offset + size);
    const next =
      offset + size < matches.length ? Buffer.from(String(offset + size)).toString('base64') : undefined;
    return {
      reservationSet: page.map((instance) => ({
        reservationId: instance.reservationId,
        ownerId: '123456789012',
        groupSet: [],
        instancesSet: [this.instanceXml(instance)],
      })),
      ...(next ? { nextToken: next } : {}),
    };
  }

  private transition(
    id: string,
    action: 'terminate' | 'stop' | 'start' | 'reboot',
  ): Record<string, XmlValue> {
    const instance = this.find(id);
    const previous = instance.state;
    const backend = this.options.backend;
    const illegal = () => {
      throw new Ec2Error(
        400,
        'IncorrectInstanceState',
        `The instance '${id}' is not in a state from which it can be ${action}ed.`,
      );
    };
    if (action === 'terminate' && previous !== 'terminated' && previous !== 'shutting-down') {
      instance.state = 'shutting-down';
      this.track(
        backend.destroy(id).finally(() => ((instance.state = 'terminated'), (instance.publicIp = undefined))),
      );
    } else if (action === 'stop' && previous !== 'stopped') {
      if (previous !== 'running') illegal();
      instance.state = 'stopping';
      this.track(backend.stop(id).then(() => (instance.state = 'stopped')));
    } else if (action === 'start' && previous !== 'running') {
      if (previous !== 'stopped') illegal();
      instance.state = 'pending';
      this.track(backend.start(id).then(() => (instance.state = 'running')));
    } else if (action === 'reboot') {
      if (previous !== 'running') illegal();
      this.track(backend.stop(id).then(() => backend.start(id)));
    }
    return {
      instanceId: id,
      currentState: { code: STATE_CODES[instance.state], name: instance.state },
      previousState: { code: STATE_CODES[previous], name: previous },
    };
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

function matchesFilter(instance: EmulatedInstance, filter: { name: string; values: string[] }): boolean {
  const any = (value: string | undefined) =>
    value !== undefined && filter.values.some((v) => wildcard(v, value));
  if (filter.name === 'instance-state-name') return any(instance.state);
  if (filter.name === 'client-token') return any(instance.clientToken);
  if (filter.name === 'instance-id') return any(instance.id);
  if (filter.name === 'tag-key') return Object.keys(instance.tags).some((key) => any(key));
  if (filter.name.startsWith('tag:')) return any(instance.tags[filter.name.slice(4)]);
  throw new Ec2Error(400, 'InvalidParameterValue', `The filter '${filter.name}' is invalid`);
}

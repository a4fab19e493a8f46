import {
  clientTokenLabel,
  createOnce,
  defineProvider,
  derivedHostKey,
  hostKeyUserData,
  HttpError,
  MANAGED_BY_LABEL,
  pollUntil,
  type ProviderContext,
  type ServerCreateRequest,
} from '@provisioning/sdk';
import { waitForActions } from './actions';
import {
  type DigitaloceanApi,
  digitaloceanApi,
  type DoDroplet,
  explainDigitaloceanError,
} from './digitalocean-api';
import { type DigitaloceanOptions, digitaloceanOptions } from './options';
import { ensureSshKeys } from './ssh-keys';
import { CLIENT_TOKEN_LABEL, labelsToTags, labelTag, toProviderServer } from './tags';

type Ctx = ProviderContext<DigitaloceanOptions>;

async function findByToken(api: DigitaloceanApi, tokenLabel: string): Promise<DoDroplet | undefined> {
  const found = await api.listAll<DoDroplet>('/droplets', 'droplets', {
    tag_name: labelTag(CLIENT_TOKEN_LABEL, tokenLabel),
  });
  return found[0];
}

/** Sends the create request once per client token, even after a 5xx or a lost answer. */
async function requestDroplet(
  ctx: Ctx,
  api: DigitaloceanApi,
  body: Record<string, unknown>,
  tokenLabel: string,
): Promise<{ droplet: DoDroplet; actions: { id: number }[] }> {
  return createOnce({
    send: async () => {
      const { body: created } = await api.http.post<{
        droplet: DoDroplet;
        links?: { actions?: { id: number; rel: string }[] };
      }>('/droplets', body, { signal: ctx.signal });
      return { droplet: created.droplet, actions: created.links?.actions ?? [] };
    },
    find: async () => {
      const made = await findByToken(api, tokenLabel);
      return made ? { droplet: made, actions: [] } : undefined;
    },
    log: (message) => ctx.log(`digitalocean: ${message}`),
    what: String(body['name']),
    signal: ctx.signal,
  });
}

/** Waits until the Droplet is active with a public IPv4 (a found Droplet has no action link to follow). */
async function untilActive(ctx: Ctx, api: DigitaloceanApi, id: number, name: string): Promise<DoDroplet> {
  let last: DoDroplet | undefined;
  const active = await pollUntil(
    async () => {
      last = await api.droplet(String(id));
      if (!last)
        throw new Error(
          `digitalocean: Droplet ${name} (${id}) disappeared while it was being created; run server create again`,
        );
      return last.status === 'active' && last.networks?.v4?.some((network) => network.type === 'public')
        ? last
        : undefined;
    },
    {
      timeoutMs: ctx.options.action_timeout * 1000,
      intervalMs: ctx.options.poll_interval * 1000,
      signal: ctx.signal,
    },
  );
  if (!active)
    throw new Error(
      `digitalocean: Droplet ${name} (${id}) is still ${last?.status ?? 'unknown'} after ${ctx.options.action_timeout} s (action_timeout); run the same command again to wait for it and finish`,
    );
  return active;
}

async function create(ctx: Ctx, request: ServerCreateRequest<DigitaloceanOptions>) {
  const api = digitaloceanApi(ctx);
  const tokenLabel = clientTokenLabel(request.clientToken);
  const tags = labelsToTags(request.name, { ...request.labels, [CLIENT_TOKEN_LABEL]: tokenLabel });
  const hostKey = derivedHostKey(ctx.options.token as string, request.clientToken);
  try {
    let droplet = await findByToken(api, tokenLabel);
    if (droplet)
      ctx.log(
        `digitalocean: ${request.name}: Droplet ${droplet.id} exists from an earlier create with this token; finishing it`,
      );
    else {
      const sshKeys = await ensureSshKeys(api, request.sshPublicKeys);
      ctx.log(
        `digitalocean: creating ${request.name} (${ctx.options.size}, ${ctx.options.image}, ${ctx.options.region})`,
      );
      const created = await requestDroplet(
        ctx,
        api,
        {
          name: request.name,
          region: ctx.options.region,
          size: ctx.options.size,
          image: ctx.options.image,
          ssh_keys: sshKeys,
          user_data: hostKeyUserData(hostKey),
          tags,
          ipv6: false,
          monitoring: false,
        },
        tokenLabel,
      );
      droplet = created.droplet;
      await waitForActions(ctx, api, created.actions, `create ${request.name} (Droplet ${droplet.id})`);
    }
    return toProviderServer(await untilActive(ctx, api, droplet.id, request.name), [hostKey.publicKey]);
  } catch (error) {
    throw explainDigitaloceanError(error, `create of ${request.name}`);
  }
}

async function power(ctx: Ctx, id: string, type: 'power_on' | 'power_off' | 'reboot'): Promise<void> {
  const api = digitaloceanApi(ctx);
  try {
    const { body } = await api.http.post<{ action: { id: number } }>(
      `/droplets/${encodeURIComponent(id)}/actions`,
      { type },
      { signal: ctx.signal },
    );
    await waitForActions(ctx, api, [body.action], `${type} of Droplet ${id}`);
  } catch (error) {
    throw explainDigitaloceanError(error, `${type} of Droplet ${id}`);
  }
}

async function catalogue<T>(
  ctx: Ctx,
  path: string,
  key: string,
  query: Record<string, string> = {},
): Promise<T[]> {
  try {
    return await digitaloceanApi(ctx).listAll<T>(path, key, query);
  } catch (error) {
    throw explainDigitaloceanError(error, `GET ${path}`);
  }
}

export const digitalocean = defineProvider({
  name: 'digitalocean',
  version: '0.1.0',
  description:
    'DigitalOcean Droplets through the API v2: SSH keys and a host key injected at creation, found again by tag after an interrupted create.',
  options: digitaloceanOptions,
  placement: (options) => ({ zone: options.region, plan: options.size, image: options.image }),
  create,

  async get(ctx, id) {
    try {
      const droplet = await digitaloceanApi(ctx).droplet(id);
      return droplet ? toProviderServer(droplet) : undefined;
    } catch (error) {
      throw explainDigitaloceanError(error, `GET /droplets/${id}`);
    }
  },

  async list(ctx) {
    const droplets = await catalogue<DoDroplet>(ctx, '/droplets', 'droplets', {
      tag_name: labelTag(MANAGED_BY_LABEL, 'provisioning'),
    });
    return droplets.map((droplet) => toProviderServer(droplet));
  },

  async delete(ctx, id) {
    const api = digitaloceanApi(ctx);
    try {
      await api.http.delete(`/droplets/${encodeURIComponent(id)}`, { signal: ctx.signal });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return; // already gone
      throw explainDigitaloceanError(error, `delete of Droplet ${id}`);
    }
    // 204 starts the destruction; it is done once the Droplet is gone
    const gone = await pollUntil(async () => ((await api.droplet(id)) ? undefined : true), {
      timeoutMs: ctx.options.action_timeout * 1000,
      intervalMs: ctx.options.poll_interval * 1000,
      signal: ctx.signal,
    });
    if (!gone)
      throw new Error(
        `digitalocean: Droplet ${id} still exists ${ctx.options.action_timeout} s after its delete; run the same command again`,
      );
  },

  start: (ctx, id) => power(ctx, id, 'power_on'),
  stop: (ctx, id) => power(ctx, id, 'power_off'),
  reboot: (ctx, id) => power(ctx, id, 'reboot'),

  async plans(ctx) {
    const sizes = await catalogue<{
      slug: string;
      description?: string;
      vcpus: number;
      memory: number;
      disk: number;
    }>(ctx, '/sizes', 'sizes');
    return sizes.map((size) => ({
      name: size.slug,
      ...(size.description ? { description: size.description } : {}),
      cpus: size.vcpus,
      memoryMb: size.memory,
      diskGb: size.disk,
    }));
  },

  async images(ctx) {
    const images = await catalogue<{ slug: string | null; distribution: string; name: string }>(
      ctx,
      '/images',
      'images',
      {
        type: 'distribution',
      },
    );
    return images
      .filter((image) => image.slug)
      .map((image) => ({ name: image.slug as string, description: `${image.distribution} ${image.name}` }));
  },

  async zones(ctx) {
    const regions = await catalogue<{ slug: string; name: string; available: boolean }>(
      ctx,
      '/regions',
      'regions',
    );
    return regions
      .filter((region) => region.available)
      .map((region) => ({ name: region.slug, description: region.name }));
  },
});

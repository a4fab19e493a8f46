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
  explainHetznerError,
  type HcloudAction,
  type HcloudServer,
  type HetznerApi,
  hetznerApi,
} from './hetzner-api';
import { type HetznerOptions, hetznerOptions } from './options';
import { checkLabels, CLIENT_TOKEN_LABEL, toProviderServer } from './server-mapping';
import { ensureSshKeys } from './ssh-keys';

type Ctx = ProviderContext<HetznerOptions>;

async function findByToken(api: HetznerApi, tokenLabel: string): Promise<HcloudServer | undefined> {
  const found = await api.listAll<HcloudServer>('/servers', 'servers', {
    label_selector: `${CLIENT_TOKEN_LABEL}=${tokenLabel}`,
  });
  return found[0];
}

/** Sends the create request once per client token, even after a 5xx or a lost answer. */
async function requestServer(
  ctx: Ctx,
  api: HetznerApi,
  body: Record<string, unknown>,
  tokenLabel: string,
): Promise<{ server: HcloudServer; actions: HcloudAction[] }> {
  return createOnce({
    send: async () => {
      const { body: created } = await api.http.post<{
        server: HcloudServer;
        action: HcloudAction;
        next_actions?: HcloudAction[];
      }>('/servers', body, { signal: ctx.signal });
      return { server: created.server, actions: [created.action, ...(created.next_actions ?? [])] };
    },
    find: async () => {
      const made = await findByToken(api, tokenLabel);
      return made ? { server: made, actions: await runningActions(ctx, api, made.id) } : undefined;
    },
    log: (message) => ctx.log(`hetzner: ${message}`),
    what: String(body['name']),
    signal: ctx.signal,
  });
}

async function runningActions(ctx: Ctx, api: HetznerApi, id: number): Promise<HcloudAction[]> {
  return api.listAll<HcloudAction>(`/servers/${id}/actions`, 'actions', { status: 'running' });
}

/** Waits until the server reports running with an address (the create action may end before). */
async function untilRunning(ctx: Ctx, api: HetznerApi, id: number, name: string): Promise<HcloudServer> {
  let last: HcloudServer | undefined;
  const running = await pollUntil(
    async () => {
      last = await api.server(String(id));
      if (!last)
        throw new Error(
          `hetzner: server ${name} (${id}) disappeared while it was being created; run server create again`,
        );
      return last.status === 'running' && last.public_net?.ipv4?.ip ? last : undefined;
    },
    {
      timeoutMs: ctx.options.action_timeout * 1000,
      intervalMs: ctx.options.poll_interval * 1000,
      signal: ctx.signal,
    },
  );
  if (!running)
    throw new Error(
      `hetzner: server ${name} (${id}) is ${last?.status ?? 'unknown'} after ${ctx.options.action_timeout} s; run server create again to wait for it`,
    );
  return running;
}

async function create(ctx: Ctx, request: ServerCreateRequest<HetznerOptions>) {
  const api = hetznerApi(ctx);
  const tokenLabel = clientTokenLabel(request.clientToken);
  const labels = { ...request.labels, [CLIENT_TOKEN_LABEL]: tokenLabel };
  checkLabels(request.name, labels);
  const hostKey = derivedHostKey(ctx.options.token as string, request.clientToken);
  try {
    let made = await findByToken(api, tokenLabel);
    let actions: HcloudAction[];
    if (made) {
      ctx.log(
        `hetzner: ${request.name}: server ${made.id} exists from an earlier create with this token; finishing it`,
      );
      actions = await runningActions(ctx, api, made.id);
    } else {
      const sshKeys = await ensureSshKeys(api, request.sshPublicKeys);
      ctx.log(
        `hetzner: creating ${request.name} (${ctx.options.server_type}, ${ctx.options.image}, ${ctx.options.location})`,
      );
      ({ server: made, actions } = await requestServer(
        ctx,
        api,
        {
          name: request.name,
          server_type: ctx.options.server_type,
          image: ctx.options.image,
          location: ctx.options.location,
          ssh_keys: sshKeys,
          user_data: hostKeyUserData(hostKey),
          labels,
          start_after_create: true,
        },
        tokenLabel,
      ));
    }
    await waitForActions(ctx, api, actions, `create ${request.name} (server ${made.id})`);
    return toProviderServer(await untilRunning(ctx, api, made.id, request.name), [hostKey.publicKey]);
  } catch (error) {
    throw explainHetznerError(error, `create of ${request.name}`);
  }
}

async function power(ctx: Ctx, id: string, action: 'poweron' | 'poweroff' | 'reboot'): Promise<void> {
  const api = hetznerApi(ctx);
  try {
    const { body } = await api.http.post<{ action: HcloudAction }>(
      `/servers/${encodeURIComponent(id)}/actions/${action}`,
      undefined,
      { signal: ctx.signal },
    );
    await waitForActions(ctx, api, [body.action], `${action} of server ${id}`);
  } catch (error) {
    throw explainHetznerError(error, `${action} of server ${id}`);
  }
}

async function catalogue<T>(
  ctx: Ctx,
  path: string,
  key: string,
  query: Record<string, string> = {},
): Promise<T[]> {
  try {
    return await hetznerApi(ctx).listAll<T>(path, key, query);
  } catch (error) {
    throw explainHetznerError(error, `GET ${path}`);
  }
}

export const hetzner = defineProvider({
  name: 'hetzner',
  version: '0.1.0',
  description:
    'Hetzner Cloud servers through the Cloud API v1: SSH keys and a host key injected at creation, found again by label after an interrupted create.',
  options: hetznerOptions,
  placement: (options) => ({ zone: options.location, plan: options.server_type, image: options.image }),
  create,

  async get(ctx, id) {
    try {
      const server = await hetznerApi(ctx).server(id);
      return server ? toProviderServer(server) : undefined;
    } catch (error) {
      throw explainHetznerError(error, `GET /servers/${id}`);
    }
  },

  async list(ctx) {
    const servers = await catalogue<HcloudServer>(ctx, '/servers', 'servers', {
      label_selector: `${MANAGED_BY_LABEL}=provisioning`,
    });
    return servers.map((server) => toProviderServer(server));
  },

  async delete(ctx, id) {
    const api = hetznerApi(ctx);
    try {
      const { body } = await api.http.delete<{ action: HcloudAction }>(`/servers/${encodeURIComponent(id)}`, {
        signal: ctx.signal,
      });
      await waitForActions(ctx, api, [body.action], `delete of server ${id}`);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return; // already gone
      throw explainHetznerError(error, `delete of server ${id}`);
    }
  },

  start: (ctx, id) => power(ctx, id, 'poweron'),
  stop: (ctx, id) => power(ctx, id, 'poweroff'),
  reboot: (ctx, id) => power(ctx, id, 'reboot'),

  async plans(ctx) {
    const types = await catalogue<{
      name: string;
      description: string;
      cores: number;
      memory: number;
      disk: number;
    }>(ctx, '/server_types', 'server_types');
    return types.map((type) => ({
      name: type.name,
      description: type.description,
      cpus: type.cores,
      memoryMb: Math.round(type.memory * 1024),
      diskGb: type.disk,
    }));
  },

  async images(ctx) {
    const images = await catalogue<{ name: string | null; description: string }>(ctx, '/images', 'images', {
      type: 'system',
    });
    return images
      .filter((image) => image.name)
      .map((image) => ({ name: image.name as string, description: image.description }));
  },

  async zones(ctx) {
    const locations = await catalogue<{ name: string; description: string; city: string; country: string }>(
      ctx,
      '/locations',
      'locations',
    );
    return locations.map((location) => ({
      name: location.name,
      description: `${location.description} (${location.city}, ${location.country})`,
    }));
  },
});

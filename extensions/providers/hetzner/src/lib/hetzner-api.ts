import { HttpClient, HttpError, type ProviderContext } from '@provisioning/sdk';
import type { HetznerOptions } from './options';

/** The parts of the API's objects the provider reads (docs.hetzner.cloud, API v1). */
export interface HcloudAction {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  error?: { code: string; message: string } | null;
}

export interface HcloudServer {
  id: number;
  name: string;
  status: string;
  created?: string;
  public_net?: { ipv4?: { ip: string } | null };
  server_type?: { name: string };
  datacenter?: { name?: string; location?: { name: string } };
  image?: { name?: string | null } | null;
  labels?: Record<string, string>;
}

interface Paginated {
  meta?: { pagination?: { next_page?: number | null } };
}

const PER_PAGE = 50;

/** The API as one server's options see it: the HTTP client with the project's token, and paging. */
export class HetznerApi {
  readonly http: HttpClient;

  constructor(
    private readonly ctx: ProviderContext<HetznerOptions>,
    token: string,
  ) {
    this.http = new HttpClient({
      baseUrl: ctx.options.endpoint,
      auth: { bearer: token },
      headers: { 'user-agent': 'provisioning-hetzner/0.1.0' },
      onRetry: (event) =>
        ctx.log(
          `hetzner: ${event.method} ${event.path} again in ${Math.ceil(event.delayMs / 1000)} s (${event.reason})`,
        ),
    });
  }

  /** Every item of a list endpoint, following `meta.pagination.next_page`. */
  async listAll<T>(path: string, key: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    for (let page: number | null | undefined = 1; page;) {
      const response: { body: Paginated & Record<string, T[]> } = await this.http.get(path, {
        query: { ...query, page, per_page: PER_PAGE },
        signal: this.ctx.signal,
      });
      items.push(...(response.body[key] ?? []));
      page = response.body.meta?.pagination?.next_page;
    }
    return items;
  }

  /** The server, or undefined when the API says it does not exist. */
  async server(id: string): Promise<HcloudServer | undefined> {
    try {
      return (
        await this.http.get<{ server: HcloudServer }>(`/servers/${encodeURIComponent(id)}`, {
          signal: this.ctx.signal,
        })
      ).body.server;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  async action(id: number): Promise<HcloudAction> {
    return (await this.http.get<{ action: HcloudAction }>(`/actions/${id}`, { signal: this.ctx.signal })).body
      .action;
  }
}

/** The client for these options; refuses to go on without a token, saying how to give one. */
export function hetznerApi(ctx: ProviderContext<HetznerOptions>): HetznerApi {
  const token = ctx.options.token;
  if (!token)
    throw new Error(
      "provider_options.token is not set for hetzner: add token: '{{secret.HCLOUD_TOKEN}}' to the server's provider_options and set the secret (PROVISIONING_SECRET_HCLOUD_TOKEN or the secrets file)",
    );
  return new HetznerApi(ctx, token);
}

/** An API failure in the user's terms: what was refused and what to do about it. */
export function explainHetznerError(error: unknown, what: string): Error {
  if (!(error instanceof HttpError)) return error as Error;
  const hint =
    error.code === 'resource_limit_exceeded'
      ? 'the project reached a limit (servers, cores, IPs): delete servers you no longer need or ask Hetzner to raise the limit'
      : error.status === 401
        ? 'the API token was refused: check the secret named in provider_options.token'
        : error.code === 'uniqueness_error'
          ? 'a server with this name exists in the project without provisioning labels: rename one of them'
          : error.code === 'forbidden'
            ? 'the API token is read-only: create a read & write token'
            : error.kind === 'timeout' || error.kind === 'network'
              ? 'the API did not answer: check the network, then run the same command again'
              : 'run the same command again; every call is journaled';
  return Object.assign(new Error(`hetzner: ${what} failed: ${error.message}; ${hint}`), { cause: error });
}

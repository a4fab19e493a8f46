import { HttpClient, HttpError, type ProviderContext } from '@provisioning/sdk';
import type { DigitaloceanOptions } from './options';

/** The parts of the API's objects the provider reads (docs.digitalocean.com/reference/api, v2). */
export interface DoAction {
  id: number;
  type: string;
  status: 'in-progress' | 'completed' | 'errored';
}

export interface DoDroplet {
  id: number;
  name: string;
  status: 'new' | 'active' | 'off' | 'archive';
  created_at?: string;
  size_slug?: string;
  image?: { slug?: string | null; name?: string };
  region?: { slug: string };
  networks?: { v4?: { ip_address: string; type: 'public' | 'private' }[] };
  tags?: string[];
}

interface Paginated {
  links?: { pages?: { next?: string } };
}

const PER_PAGE = 200;

/** The API as one server's options see it: the HTTP client with the token, and paging. */
export class DigitaloceanApi {
  readonly http: HttpClient;

  constructor(
    private readonly ctx: ProviderContext<DigitaloceanOptions>,
    token: string,
  ) {
    this.http = new HttpClient({
      baseUrl: ctx.options.endpoint,
      auth: { bearer: token },
      headers: { 'user-agent': 'provisioning-digitalocean/0.1.0' },
      onRetry: (event) =>
        ctx.log(
          `digitalocean: ${event.method} ${event.path} again in ${Math.ceil(event.delayMs / 1000)} s (${event.reason})`,
        ),
    });
  }

  /** Every item of a list endpoint, following `links.pages.next`. */
  async listAll<T>(path: string, key: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    for (let page: string | null = '1'; page;) {
      const response: { body: Paginated & Record<string, T[]> } = await this.http.get(path, {
        query: { ...query, page, per_page: PER_PAGE },
        signal: this.ctx.signal,
      });
      items.push(...(response.body[key] ?? []));
      const next = response.body.links?.pages?.next;
      page = next ? new URL(next).searchParams.get('page') : null;
    }
    return items;
  }

  /** The Droplet, or undefined when the API says it does not exist. */
  async droplet(id: string): Promise<DoDroplet | undefined> {
    try {
      return (
        await this.http.get<{ droplet: DoDroplet }>(`/droplets/${encodeURIComponent(id)}`, {
          signal: this.ctx.signal,
        })
      ).body.droplet;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  async action(id: number): Promise<DoAction> {
    return (await this.http.get<{ action: DoAction }>(`/actions/${id}`, { signal: this.ctx.signal })).body
      .action;
  }
}

/** The client for these options; refuses to go on without a token, saying how to give one. */
export function digitaloceanApi(ctx: ProviderContext<DigitaloceanOptions>): DigitaloceanApi {
  const token = ctx.options.token;
  if (!token)
    throw new Error(
      "provider_options.token is not set for digitalocean: add token: '{{secret.DIGITALOCEAN_TOKEN}}' to the server's provider_options and set the secret (PROVISIONING_SECRET_DIGITALOCEAN_TOKEN or the secrets file)",
    );
  return new DigitaloceanApi(ctx, token);
}

/** An API failure in the user's terms: what was refused and what to do about it. */
export function explainDigitaloceanError(error: unknown, what: string): Error {
  if (!(error instanceof HttpError)) return error as Error;
  const hint =
    error.status === 422 && /limit/i.test(error.providerMessage ?? '')
      ? 'the account reached its Droplet limit: delete Droplets you no longer need or ask DigitalOcean to raise it'
      : error.status === 401
        ? 'the token was refused: check the secret named in provider_options.token'
        : error.status === 403
          ? 'the token lacks write scope: create a read & write token'
          : error.kind === 'timeout' || error.kind === 'network'
            ? 'the API did not answer: check the network, then run the same command again'
            : 'run the same command again; every call is journaled';
  return Object.assign(new Error(`digitalocean: ${what} failed: ${error.message}; ${hint}`), {
    cause: error,
  });
}

import { HttpClient, HttpError, type HttpAuth } from '@provisioning/sdk';
import type {
  UpcloudPlan,
  UpcloudServer,
  UpcloudServerCreate,
  UpcloudStorage,
  UpcloudZone,
} from './api-types';
import type { UpcloudOptions } from './options';

/** UpCloud API 1.3 over the sdk's HTTP client (auth header, timeout, retries on 429, 5xx and network errors). */
export class UpcloudApi {
  constructor(
    private readonly http: HttpClient,
    private readonly signal?: AbortSignal,
  ) {}

  static connect(options: UpcloudOptions, log: (message: string) => void, signal?: AbortSignal): UpcloudApi {
    const auth: HttpAuth = options.token
      ? { bearer: options.token }
      : { basic: { username: options.username ?? '', password: options.password ?? '' } };
    return new UpcloudApi(
      new HttpClient({
        baseUrl: options.api_url.replace(/\/+$/, ''),
        auth,
        headers: { accept: 'application/json' },
        onRetry: (event) =>
          log(
            `UpCloud ${event.method} ${event.path}: ${event.reason}; retry ${event.attempt} in ${Math.round(event.delayMs / 100) / 10} s`,
          ),
      }),
      signal,
    );
  }

  async servers(labels: readonly string[] = []): Promise<UpcloudServer[]> {
    const { body } = await this.http.get<{ servers: { server: UpcloudServer[] } }>('/server', {
      query: labels.length ? { label: labels } : {},
      signal: this.signal,
    });
    return body.servers?.server ?? [];
  }

  /** The server's details, or undefined when UpCloud answers 404 (it does not exist, or no longer). */
  async server(uuid: string): Promise<UpcloudServer | undefined> {
    try {
      const { body } = await this.http.get<{ server: UpcloudServer }>(`/server/${encodeURIComponent(uuid)}`, {
        signal: this.signal,
      });
      return body.server;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** POST /server: not retried by the client on a 5xx or a timeout (it might have been made); the provider looks for it by label instead. */
  async createServer(server: UpcloudServerCreate): Promise<UpcloudServer> {
    const { body } = await this.http.post<{ server: UpcloudServer }>(
      '/server',
      { server },
      { signal: this.signal },
    );
    return body.server;
  }

  async start(uuid: string): Promise<void> {
    await this.http.post(
      `/server/${encodeURIComponent(uuid)}/start`,
      { server: {} },
      { signal: this.signal },
    );
  }

  async stop(uuid: string, timeoutSeconds: number): Promise<void> {
    await this.http.post(
      `/server/${encodeURIComponent(uuid)}/stop`,
      { stop_server: { stop_type: 'soft', timeout: String(timeoutSeconds) } },
      { signal: this.signal },
    );
  }

  async restart(uuid: string, timeoutSeconds: number): Promise<void> {
    await this.http.post(
      `/server/${encodeURIComponent(uuid)}/restart`,
      { restart_server: { stop_type: 'soft', timeout: String(timeoutSeconds), timeout_action: 'destroy' } },
      { signal: this.signal },
    );
  }

  /** Deletes a stopped server with its storages; already gone (404) is not an error. */
  async deleteServer(uuid: string): Promise<void> {
    try {
      await this.http.delete(`/server/${encodeURIComponent(uuid)}`, {
        query: { storages: 1, backups: 'delete' },
        signal: this.signal,
      });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return;
      throw error;
    }
  }

  async plans(): Promise<UpcloudPlan[]> {
    const { body } = await this.http.get<{ plans: { plan: UpcloudPlan[] } }>('/plan', {
      signal: this.signal,
    });
    return body.plans?.plan ?? [];
  }

  async zones(): Promise<UpcloudZone[]> {
    const { body } = await this.http.get<{ zones: { zone: UpcloudZone[] } }>('/zone', {
      signal: this.signal,
    });
    return body.zones?.zone ?? [];
  }

  async templates(): Promise<UpcloudStorage[]> {
    const { body } = await this.http.get<{ storages: { storage: UpcloudStorage[] } }>('/storage/template', {
      signal: this.signal,
    });
    return body.storages?.storage ?? [];
  }
}

import { Redactor } from '../redact';
import { defaultErrorDetail, HttpError, type HttpErrorKind, type ProviderErrorDetail } from './http-error';
import { backoffDelay, serverRequestedDelay } from './retry-delay';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Credentials sent with every request; their values are masked in every error. */
export type HttpAuth = { bearer: string } | { basic: { username: string; password: string } };

export interface HttpClientOptions {
  /** Where the API lives, e.g. `https://api.hetzner.cloud/v1` (paths are appended to it). */
  baseUrl: string;
  auth?: HttpAuth;
  /** Headers sent with every request (a User-Agent, an API version). */
  headers?: Readonly<Record<string, string>>;
  /** Per try, covering the response body too. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first try. Default 4. */
  maxRetries?: number;
  /** First backoff ceiling; doubles per retry, with full jitter. Default 500 ms. */
  backoffMs?: number;
  /** Largest backoff ceiling. Default 30 s. */
  maxBackoffMs?: number;
  /** A server asking to wait longer than this (Retry-After, RateLimit-Reset) fails instead. Default 120 s. */
  maxRetryWaitMs?: number;
  /** More values to mask in errors besides the credentials. */
  secrets?: Iterable<string>;
  /** Reads the provider's error code and message from an error body (default: Hetzner, DigitalOcean, UpCloud shapes). */
  errorDetail?: (body: unknown) => ProviderErrorDetail;
  /** Told before each retry, e.g. to log progress. */
  onRetry?: (event: HttpRetryEvent) => void;
}

export interface HttpRequest {
  method?: HttpMethod;
  /** Appended to the base URL: `/servers`, `/servers/42/actions/poweroff`. */
  path: string;
  /** Query parameters; arrays repeat the key, undefined values are left out. */
  query?: Readonly<Record<string, string | number | boolean | undefined | readonly (string | number)[]>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is with its content type instead of `body` (form-encoded or XML APIs). */
  rawBody?: { contentType: string; data: string };
  headers?: Readonly<Record<string, string>>;
  /**
   * Whether sending it twice is harmless. GET, HEAD, PUT and DELETE are by default; POST and PATCH
   * are retried after a 5xx, a timeout or a network error only when this is true. A 429 is retried
   * for every method: the server refused the request without acting on it.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text of a non-JSON body, or undefined when empty. */
  body: T;
}

export interface HttpRetryEvent {
  method: HttpMethod;
  path: string;
  /** The try that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * JSON over Node's fetch for provider APIs: credentials in a header, a timeout per try, retries
 * with exponential backoff and jitter on 429 (honouring Retry-After and RateLimit-Reset), 5xx and
 * network errors, and errors that carry the status and the provider's code with secrets masked.
 */
export class HttpClient {
  private readonly redactor: Redactor;
  private readonly errorDetail: (body: unknown) => ProviderErrorDetail;

  constructor(private readonly options: HttpClientOptions) {
    const credentials =
      options.auth === undefined
        ? []
        : 'bearer' in options.auth
          ? [options.auth.bearer]
          : [options.auth.basic.password, `${options.auth.basic.username}:${options.auth.basic.password}`];
    this.redactor = new Redactor([...credentials, ...(options.secrets ?? [])]);
    this.errorDetail = options.errorDetail ?? defaultErrorDetail;
  }

  get<T>(path: string, request: Omit<HttpRequest, 'path' | 'method'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...request, method: 'GET', path });
  }

  post<T>(
    path: string,
    body?: unknown,
    request: Omit<HttpRequest, 'path' | 'method' | 'body'> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>({ ...request, method: 'POST', path, body });
  }

  put<T>(
    path: string,
    body?: unknown,
    request: Omit<HttpRequest, 'path' | 'method' | 'body'> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>({ ...request, method: 'PUT', path, body });
  }

  delete<T>(path: string, request: Omit<HttpRequest, 'path' | 'method'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...request, method: 'DELETE', path });
  }

  /** Masks the credentials and secrets this client knows in any text (for a provider's own messages). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const method = request.method ?? 'GET';
    const url = this.url(request);
    const path = this.redact(url.pathname + url.search);
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const maxRetries = this.options.maxRetries ?? 4;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once<T>(method, url, path, request, attempt);
      if (!(outcome instanceof HttpError)) return outcome;
      const retryable = outcome.status === 429 || (idempotent && isTransient(outcome));
      if (!retryable || attempt > maxRetries) throw outcome;
      const requested = outcome.retryAfterMs;
      if (requested !== undefined && requested > (this.options.maxRetryWaitMs ?? 120_000)) throw outcome;
      const delayMs =
        requested ??
        backoffDelay(attempt, this.options.backoffMs ?? 500, this.options.maxBackoffMs ?? 30_000);
      this.options.onRetry?.({ method, path, attempt, delayMs, reason: outcome.message });
      await sleep(delayMs, request.signal, () => this.aborted(method, path, attempt));
    }
  }

  private async once<T>(
    method: HttpMethod,
    url: URL,
    path: string,
    request: HttpRequest,
    attempt: number,
  ): Promise<HttpResponse<T> | HttpError> {
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs ?? 30_000);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const fail = (kind: HttpErrorKind, reason: string) =>
      this.error({ kind, method, path, attempts: attempt, reason });
    try {
      const response = await fetch(url, {
        method,
        headers: this.headers(request),
        body: encodeBody(request),
        signal,
      });
      const text = await response.text();
      let body: unknown = text === '' ? undefined : text;
      if (text !== '' && /\bjson\b/i.test(response.headers.get('content-type') ?? '')) {
        try {
          body = JSON.parse(text);
        } catch {
          if (response.ok) return fail('invalid-response', `${response.status} with a body that is not JSON`);
        }
      }
      if (response.ok) return { status: response.status, headers: response.headers, body: body as T };
      const detail = this.errorDetail(body);
      return this.error({
        kind: 'status',
        method,
        path,
        attempts: attempt,
        status: response.status,
        code: detail.code,
        providerMessage: detail.message ?? (typeof body === 'string' ? body.slice(0, 300) : undefined),
        retryAfterMs:
          response.status === 429 || response.status === 503
            ? serverRequestedDelay(response.headers)
            : undefined,
        reason: `${response.status} ${response.statusText}`.trim(),
      });
    } catch (error) {
      if (request.signal?.aborted) return this.aborted(method, path, attempt);
      if (timeout.aborted) return fail('timeout', 'no answer before the timeout');
      return fail('network', networkReason(error));
    }
  }

  private url(request: HttpRequest): URL {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    return url;
  }

  private headers(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    const auth = this.options.auth;
    if (auth && 'bearer' in auth) headers['authorization'] = `Bearer ${auth.bearer}`;
    if (auth && 'basic' in auth)
      headers['authorization'] =
        `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}`;
    if (request.rawBody) headers['content-type'] = request.rawBody.contentType;
    else if (request.body !== undefined) headers['content-type'] = 'application/json';
    return { ...headers, ...request.headers };
  }

  private aborted(method: HttpMethod, path: string, attempt: number): HttpError {
    return this.error({ kind: 'aborted', method, path, attempts: attempt, reason: 'cancelled' });
  }

  private error(fields: {
    kind: HttpErrorKind;
    method: HttpMethod;
    path: string;
    attempts: number;
    reason: string;
    status?: number;
    code?: string;
    providerMessage?: string;
    retryAfterMs?: number;
  }): HttpError {
    const providerMessage =
      fields.providerMessage === undefined ? undefined : this.redact(fields.providerMessage);
    const detail = [fields.code, providerMessage].filter(Boolean).join(': ');
    const tries = fields.attempts === 1 ? '1 try' : `${fields.attempts} tries`;
    const message = this.redact(
      `${fields.method} ${fields.path} failed: ${fields.reason}${detail ? ` (${detail})` : ''} after ${tries}`,
    );
    return new HttpError({ ...fields, providerMessage, message });
  }
}

function isTransient(error: HttpError): boolean {
  return (
    error.kind === 'timeout' ||
    error.kind === 'network' ||
    (error.status !== undefined && error.status >= 500)
  );
}

function encodeBody(request: HttpRequest): string | undefined {
  if (request.rawBody) return request.rawBody.data;
  return request.body === undefined ? undefined : JSON.stringify(request.body);
}

function networkReason(error: unknown): string {
  // Checked by shape: undici's errors may come from another realm (jest), where instanceof fails.
  const { message, cause } = (error ?? {}) as {
    message?: string;
    cause?: { code?: string; message?: string };
  };
  return `network error ${cause?.code ?? cause?.message ?? message ?? String(error)}`;
}

function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Why a request failed, in words a caller can branch on. */
export type HttpErrorKind = 'status' | 'timeout' | 'network' | 'aborted' | 'invalid-response';

/**
 * A request that did not succeed: the HTTP status and the provider's own error code when the
 * server answered, otherwise the kind of failure. The message is redacted (credentials and the
 * client's secrets never appear) and says which request failed and after how many tries.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly kind: HttpErrorKind;
  readonly method: string;
  /** The request's path and query (no host, no credentials). */
  readonly path: string;
  readonly status?: number;
  /** The provider's error code from the body (`resource_limit_exceeded`, `unprocessable_entity`...). */
  readonly code?: string;
  /** The provider's message from the body, redacted. */
  readonly providerMessage?: string;
  /** How many times the request was sent. */
  readonly attempts: number;
  /** Milliseconds the server asked to wait (Retry-After, RateLimit-Reset), when it did. */
  readonly retryAfterMs?: number;

  constructor(fields: {
    message: string;
    kind: HttpErrorKind;
    method: string;
    path: string;
    status?: number;
    code?: string;
    providerMessage?: string;
    attempts: number;
    retryAfterMs?: number;
  }) {
    super(fields.message);
    this.kind = fields.kind;
    this.method = fields.method;
    this.path = fields.path;
    this.status = fields.status;
    this.code = fields.code;
    this.providerMessage = fields.providerMessage;
    this.attempts = fields.attempts;
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/** The code and message of an error body, for the shapes the supported clouds publish. */
export interface ProviderErrorDetail {
  code?: string;
  message?: string;
}

/**
 * Reads `{ error: { code, message } }` (Hetzner), `{ id, message }` (DigitalOcean) and
 * `{ error: { error_code, error_message } }` (UpCloud); anything else gives no detail.
 */
export function defaultErrorDetail(body: unknown): ProviderErrorDetail {
  if (!isRecord(body)) return {};
  const error = body['error'];
  if (isRecord(error)) {
    return {
      code: stringField(error, 'code') ?? stringField(error, 'error_code'),
      message: stringField(error, 'message') ?? stringField(error, 'error_message'),
    };
  }
  return {
    code: stringField(body, 'id') ?? stringField(body, 'code'),
    message: stringField(body, 'message'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

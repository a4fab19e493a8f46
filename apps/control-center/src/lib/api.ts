import { forgetSessionToken, sessionToken } from './session-token';

/** An answer of the API that is not a success: its message, hint and (for a workflow) diagnostics. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
    readonly diagnostics: Array<{ file: string; line: number; col: number; message: string }> = [],
  ) {
    super(message);
  }
}

/** The token was refused (or there is none): the page asks for it again. */
export class SignedOutError extends ApiError {}

let onSignedOut: () => void = () => undefined;

/** What to do when the API refuses the token (show the sign-in form). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export function authHeaders(token = sessionToken()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Calls the API with the session's token; JSON in, JSON out; an error answer becomes ApiError. */
export async function api<T>(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; token?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      Accept: 'application/json',
      ...authHeaders(init.token),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
  });
  if (response.ok) return (await response.json()) as T;
  const answer = (await response.json().catch(() => ({}))) as {
    error?: { message?: string; hint?: string; diagnostics?: ApiError['diagnostics'] };
  };
  const message = answer.error?.message ?? `${response.status} ${response.statusText}`;
  if (response.status === 401) {
    forgetSessionToken();
    const error = new SignedOutError(401, message, answer.error?.hint);
    if (init.token === undefined) onSignedOut();
    throw error;
  }
  throw new ApiError(response.status, message, answer.error?.hint, answer.error?.diagnostics);
}

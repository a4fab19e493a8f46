// The API token lives in this tab's sessionStorage: gone when the tab closes, never sent anywhere
// but this orchestrator's API, in the Authorization header.
const KEY = 'provisioning.orchestrator.token';

export function sessionToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function keepSessionToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetSessionToken(): void {
  sessionStorage.removeItem(KEY);
}

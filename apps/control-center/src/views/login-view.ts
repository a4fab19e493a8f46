import { api, ApiError } from '../lib/api';
import { h, replaceChildren } from '../lib/dom';
import { keepSessionToken } from '../lib/session-token';

/** The sign-in form: the token is checked against the API, then kept for this tab only. */
export function renderLogin(root: HTMLElement, onSignedIn: () => void, reason?: string): void {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-help',
  });
  const problem = h('div', { role: 'alert', class: 'form-problem' }, reason ?? '');
  const form = h(
    'form',
    { class: 'login', novalidate: true },
    h('h1', {}, 'Provisioning control center'),
    h('label', { for: 'token' }, 'API token'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'hint' },
      '`provisioning orchestrator token` prints it. It stays in this tab and is sent only to this orchestrator.',
    ),
    problem,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      problem.textContent = 'Enter the token first.';
      input.focus();
      return;
    }
    try {
      await api('/v1/workflows?limit=1', { token });
      keepSessionToken(token);
      onSignedIn();
    } catch (error) {
      problem.textContent =
        error instanceof ApiError && error.status === 401
          ? 'The orchestrator refused this token. `provisioning orchestrator token` prints the right one.'
          : `The orchestrator did not answer: ${(error as Error).message}`;
      input.select();
      input.focus();
    }
  });
  replaceChildren(root, h('main', { id: 'main', class: 'login-page' }, form));
  input.focus();
}

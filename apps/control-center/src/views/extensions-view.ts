import { api } from '../lib/api';
import type { ExtensionListing } from '../lib/api-types';
import { h, replaceChildren } from '../lib/dom';
import { errorNotice } from './format';

/** The extension catalog: every version each source offers, the one in use marked (GET /v1/extensions). */
export function renderExtensions(main: HTMLElement): () => void {
  const controller = new AbortController();
  const body = h('div', { 'aria-busy': 'true' });
  replaceChildren(main, h('h1', {}, 'Extensions'), body);
  api<ExtensionListing>('/v1/extensions', { signal: controller.signal })
    .then((listing) => {
      body.setAttribute('aria-busy', 'false');
      replaceChildren(
        body,
        h(
          'p',
          { class: 'hint' },
          `Core ${listing.core}. Sources are searched in this order: linked, workspace, user, built-in.`,
        ),
        h(
          'table',
          { class: 'stack' },
          h('caption', { class: 'visually-hidden' }, 'Extensions and their versions'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Name', 'Kind', 'Version', 'Source', 'Core', 'In use'].map((title) =>
                h('th', { scope: 'col' }, title),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            listing.extensions.map((extension) =>
              h(
                'tr',
                { 'data-extension': `${extension.name}@${extension.version}` },
                h('td', { 'data-label': 'Name' }, extension.name),
                h('td', { 'data-label': 'Kind' }, extension.kind),
                h('td', { 'data-label': 'Version' }, extension.version),
                h('td', { 'data-label': 'Source' }, extension.source),
                h(
                  'td',
                  { 'data-label': 'Core' },
                  extension.fitsCore ? extension.core : `${extension.core} (not this core)`,
                ),
                h('td', { 'data-label': 'In use' }, extension.used ? 'in use' : ''),
              ),
            ),
          ),
        ),
      );
    })
    .catch((error) => {
      if (!controller.signal.aborted) replaceChildren(body, errorNotice(error));
    });
  return () => controller.abort();
}

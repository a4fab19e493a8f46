import { readFileSync } from 'node:fs';
import { API_REFERENCE_PATH, renderApiReference } from './render-api-reference';

describe('docs/orchestrator-api.md', () => {
  it('matches the routes and schemas the API validates with (run `nx run orchestrator:docs` after changing them)', () => {
    expect(readFileSync(API_REFERENCE_PATH, 'utf8')).toBe(renderApiReference());
  });
});

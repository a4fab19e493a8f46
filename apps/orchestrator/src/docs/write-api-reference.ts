// Target `orchestrator:docs`: writes docs/orchestrator-api.md from the route schemas.
import { writeFileSync } from 'node:fs';
import { API_REFERENCE_PATH, renderApiReference } from './render-api-reference';

writeFileSync(API_REFERENCE_PATH, renderApiReference());
console.log(`wrote ${API_REFERENCE_PATH}`);

export { hetzner } from './lib/hetzner-provider';
export { type HetznerOptions, hetznerOptions } from './lib/options';

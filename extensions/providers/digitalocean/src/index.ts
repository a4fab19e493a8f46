export { digitalocean } from './lib/digitalocean-provider';
export { type DigitaloceanOptions, digitaloceanOptions } from './lib/options';

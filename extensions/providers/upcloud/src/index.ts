export { upcloud } from './lib/upcloud-provider';
export { upcloudOptions, type UpcloudOptions } from './lib/options';

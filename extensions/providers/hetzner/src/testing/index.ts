// @provisioning/provider-hetzner/testing: the Hetzner Cloud API emulator the provider is tested against.
export { HetznerEmulator, type HetznerEmulatorOptions, hetznerError } from './hetzner-emulator';

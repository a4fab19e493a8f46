// @provisioning/provider-digitalocean/testing: the DigitalOcean API emulator the provider is tested against.
export {
  DigitaloceanEmulator,
  type DigitaloceanEmulatorOptions,
  digitaloceanError,
} from './digitalocean-emulator';

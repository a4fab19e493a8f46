// @provisioning/provider-upcloud/testing: the UpCloud API emulator the provider is tested against
// (its specs and the e2e suite); never loaded by the CLI.
export { UpcloudEmulator, type Fault, type UpcloudEmulatorOptions } from './emulator';
export { AddressOnlyMachines, type MachineBackend, type MachineRequest } from './machines';
export { PLANS, TEMPLATES, ZONES } from './catalog';

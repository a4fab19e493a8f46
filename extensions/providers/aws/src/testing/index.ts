// @provisioning/provider-aws/testing: the EC2 API emulator the provider is tested against (its
// specs and the e2e suite); never loaded by the CLI.
export { Ec2Emulator, type Ec2EmulatorOptions, type Ec2Fault } from './emulator';
export { AddressOnlyInstances, type InstanceMachineBackend, type InstanceMachineRequest } from './machines';
export { DEBIAN_OWNER, IMAGES, INSTANCE_TYPES } from './catalog';

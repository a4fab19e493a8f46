export { nspawn, machineIdFor } from './lib/nspawn-provider';
export { nspawnOptions, type NspawnOptions } from './lib/options';
export { vethsOf } from './lib/bridge';
export { cgroupDirsFor } from './lib/cgroups';

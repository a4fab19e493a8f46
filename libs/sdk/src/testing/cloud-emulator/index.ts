export {
  EmulatorServer,
  type EmulatorFault,
  type EmulatorLogEntry,
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorRoute,
  type EmulatorServerOptions,
} from './emulator-server';
export { FakeMachines, type MachineBackend, type MachineBootRequest, userDataHostKey } from './machines';

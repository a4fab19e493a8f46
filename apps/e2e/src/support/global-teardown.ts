import { KEEP_TESTBED_VAR, STARTED_BY_SETUP_VAR } from './env';
import { testbedCli } from './testbed-cli';

/** Brings down the testbed only if globalSetup started it (a testbed someone else runs stays up). */
export default async function globalTeardown(): Promise<void> {
  if (process.env[STARTED_BY_SETUP_VAR] !== '1' || process.env[KEEP_TESTBED_VAR] === '1') return;
  testbedCli(['down']);
}

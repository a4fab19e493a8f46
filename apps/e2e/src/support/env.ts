/** Environment variables that carry the globalSetup's verdict to the test files and the teardown. */
export const SKIP_REASON_VAR = 'PROVISIONING_E2E_SKIP_REASON';
export const STARTED_BY_SETUP_VAR = 'PROVISIONING_E2E_STARTED_TESTBED';
/** Set to 1 (as CI does) to fail instead of skipping when the machine cannot run the testbed. */
export const REQUIRE_TESTBED_VAR = 'PROVISIONING_E2E_REQUIRE_TESTBED';
/** Set to 1 to leave a testbed the setup started running after the suites, for quick re-runs. */
export const KEEP_TESTBED_VAR = 'PROVISIONING_E2E_KEEP_TESTBED';
/** Hosts the suites need: host 1 is the jump host for host 2; host 3 installs packages; host 4 runs operations. */
export const E2E_HOSTS = 4;

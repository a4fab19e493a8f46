/** Environment variables that carry the globalSetup's verdict to the test files and the teardown. */
export const SKIP_REASON_VAR = 'PROVISIONING_E2E_SKIP_REASON';
export const STARTED_BY_SETUP_VAR = 'PROVISIONING_E2E_STARTED_TESTBED';
/** Set to 1 (as CI does) to fail instead of skipping when the machine cannot run the testbed. */
export const REQUIRE_TESTBED_VAR = 'PROVISIONING_E2E_REQUIRE_TESTBED';
/** Set to 1 to leave a testbed the setup started running after the suites, for quick re-runs. */
export const KEEP_TESTBED_VAR = 'PROVISIONING_E2E_KEEP_TESTBED';
/** The first host of the taskserv scenarios; each scenario takes `hosts` fresh hosts from here on. */
export const SCENARIO_FIRST_HOST = 5;
/**
 * Hosts the taskserv scenarios use together (base 1, redis 1, nginx 1, node-exporter 1, k3s 2,
 * postgresql 1, haproxy 1, firewall 1, chrony 1, fail2ban 1, unattended-upgrades 1, caddy 1,
 * containerd 1, docker 1, prometheus 2, etcd 3, postgresql replica 2);
 * scenarios.spec.ts fails when its scenarios need another number.
 */
export const SCENARIO_HOSTS = 22;
/** The kubernetes template suite's three hosts (a k3s server and two agents) start here. */
export const TEMPLATE_FIRST_HOST = SCENARIO_FIRST_HOST + SCENARIO_HOSTS;
/**
 * Hosts the suites need: host 1 is the jump host for host 2; host 3 installs packages; host 4 runs
 * operations; the taskserv scenarios run on the next SCENARIO_HOSTS hosts, the kubernetes template on
 * the three after them, and the tool installers on the one after those.
 */
export const E2E_HOSTS = TEMPLATE_FIRST_HOST + 3;
/** The tool installer suite's host (tools land in /opt/provisioning/tools and /usr/local/bin). */
export const INSTALL_HOST = TEMPLATE_FIRST_HOST + 3;

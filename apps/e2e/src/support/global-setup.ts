import {
  E2E_HOSTS,
  KEEP_TESTBED_VAR,
  REQUIRE_TESTBED_VAR,
  SKIP_REASON_VAR,
  STARTED_BY_SETUP_VAR,
} from './env';
import { testbedCli } from './testbed-cli';

function warnLoudly(lines: readonly string[]): void {
  const bar = '!'.repeat(78);
  console.warn(['', bar, ...lines.map((line) => `!! ${line}`), bar, ''].join('\n'));
}

/** Brings the testbed up (or reuses a healthy one); skips every suite loudly where it cannot run. */
export default async function globalSetup(): Promise<void> {
  const availability = JSON.parse(testbedCli(['availability'])) as { available: boolean; missing: string[] };
  if (!availability.available) {
    const lines = [
      'END-TO-END TESTS SKIPPED: this machine cannot run the testbed. Missing:',
      ...availability.missing.map((line) => `  - ${line}`),
      'Every e2e test is reported as skipped, not passed. See docs/testbed.md.',
    ];
    if (process.env[REQUIRE_TESTBED_VAR] === '1') {
      throw new Error(
        `${REQUIRE_TESTBED_VAR}=1 but the testbed cannot run here:\n${availability.missing.join('\n')}`,
      );
    }
    warnLoudly(lines);
    process.env[SKIP_REASON_VAR] = `testbed unavailable: ${availability.missing.join('; ')}`;
    return;
  }
  const result = JSON.parse(testbedCli(['ensure', '--hosts', String(E2E_HOSTS)])) as {
    startedByUs: boolean;
    seconds: number;
  };
  console.log(
    `\ne2e: testbed ${result.startedByUs ? `booted in ${result.seconds.toFixed(1)} s` : 'reused (already up)'}` +
      `${result.startedByUs && process.env[KEEP_TESTBED_VAR] === '1' ? `; ${KEEP_TESTBED_VAR}=1 keeps it up afterwards` : ''}`,
  );
  if (result.startedByUs) process.env[STARTED_BY_SETUP_VAR] = '1';
}

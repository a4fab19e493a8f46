import { generateFuzzStrings } from '@provisioning/remote';
import { systemdCommand } from '@provisioning/sdk';
import { describeOnTestbed } from '../support/on-testbed';
import { useRootPool } from '../support/remote-pool';

const SEED = 20_261_202;
const UNIT = 'provisioning-e2e-argv.service';
const OUT = '/run/provisioning-e2e-argv.out';

// Arguments that systemd would otherwise rewrite: specifiers, variables, whitespace, quotes, escapes.
const HOSTILE = [
  'a$b',
  '${HOME}',
  '$$',
  '100%',
  '%n',
  '%%',
  'two words',
  '"double"',
  "'single'",
  'back\\slash',
  '\\x41',
  ';',
  'semi;colon',
  '',
  'tab-free but ütf-8 ✓',
  'https://10.0.0.1:6443',
  '--node-label=cost=100%',
];

/** The fuzz corpus without what a unit file line cannot hold at all (control characters). */
// eslint-disable-next-line no-control-regex -- the characters systemdQuote refuses
const printable = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

describeOnTestbed(
  'systemd command lines: what systemdCommand writes, systemd runs with the same argv',
  (testbed) => {
    const on = useRootPool(testbed, 1);

    it('hostile and fuzzed arguments reach the program byte-exact through a real systemd', async () => {
      const fuzz = generateFuzzStrings({ seed: SEED, count: 400, maxPieces: 8 })
        .filter(printable)
        .slice(0, 200);
      const args = [...HOSTILE, ...fuzz];
      // printf's format is itself an argument and goes through the same quoting.
      const unit = [
        '[Unit]',
        'Description=argv round trip',
        '[Service]',
        'Type=oneshot',
        `StandardOutput=truncate:${OUT}`,
        `ExecStart=${systemdCommand('/usr/bin/printf', '%s\\0', ...args)}`,
        '',
      ].join('\n');
      const write = await on.recorded.pool.exec(
        on.host,
        `trap 'rm -f /etc/systemd/system/${UNIT} ${OUT}; systemctl daemon-reload' EXIT; cat > /etc/systemd/system/${UNIT} && systemctl daemon-reload && systemctl start ${UNIT} && base64 -w0 ${OUT}`,
        { stdin: unit, timeoutMs: 60_000 },
      );
      expect({ code: write.code, stderr: write.stderr }).toEqual({ code: 0, stderr: '' });
      const received = Buffer.from(write.stdout, 'base64').toString('utf8').split('\0').slice(0, -1);
      console.log(`systemd argv round trip: ${args.length} arguments (seed ${SEED})`);
      expect(received.length).toBe(args.length);
      const mismatches = args.flatMap((sent, i) =>
        received[i] === sent ? [] : [{ sent, received: received[i] }],
      );
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  },
);

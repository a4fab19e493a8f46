import { type Command, InvalidArgumentError, Option } from 'commander';

/** One option: its flags, a one-sentence description, the environment variable that sets it, and how its value parses. */
interface OptionSpec<V> {
  flags: string;
  description: string;
  env: string;
  parse?: (value: string) => V;
  mandatory?: boolean;
}

const option = <V = string>(spec: OptionSpec<V>): OptionSpec<V> => spec;

type ValueOf<S> = S extends OptionSpec<infer V> ? V : never;
/** The parsed values of a set of declared options, as commander hands them to a handler. */
export type OptionValues<D> = { [K in keyof D]?: ValueOf<D[K]> };

/** Adds declared options to a command, each with its PROVISIONING_* environment variable. */
export function addOptions(command: Command, specs: Record<string, OptionSpec<unknown>>): void {
  for (const spec of Object.values(specs)) {
    const added = new Option(spec.flags, spec.description).env(spec.env);
    if (spec.parse) added.argParser(spec.parse);
    if (spec.mandatory) added.makeOptionMandatory();
    command.addOption(added);
  }
}

export function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('expected a whole number of 1 or more');
  return number;
}

export function percentage(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100)
    throw new InvalidArgumentError('expected a number from 0 to 100');
  return number;
}

export function positiveSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('expected a number of seconds above 0');
  return number;
}

/** Every command that works over an infra. */
export const SHARED_OPTIONS = {
  infra: option({
    flags: '--infra <name>',
    description: 'infra to work on (default: default_infra, or the only one)',
    env: 'PROVISIONING_INFRA',
  }),
  parallel: option({
    flags: '--parallel <n>',
    description: 'hosts worked on at once (default: settings run.parallelism, 10)',
    env: 'PROVISIONING_PARALLEL',
    parse: positiveInt,
  }),
  acceptNewHostKeys: option<boolean>({
    flags: '--accept-new-host-keys',
    description: 'trust and record host keys not yet known (a changed key still fails)',
    env: 'PROVISIONING_ACCEPT_NEW_HOST_KEYS',
  }),
};

/** plan and apply. */
export const RUN_OPTIONS = {
  ...SHARED_OPTIONS,
  servers: option({
    flags: '--servers <selection>',
    description: 'only these servers: names (web-1,web-2) and/or labels (role=web)',
    env: 'PROVISIONING_SERVERS',
  }),
  taskservs: option({
    flags: '--taskservs <names>',
    description: 'only these taskserv entries, comma-separated',
    env: 'PROVISIONING_TASKSERVS',
  }),
};

export const PLAN_OPTIONS = {
  ...RUN_OPTIONS,
  out: option({
    flags: '--out <file>',
    description: 'save the plan as JSON, for apply --plan',
    env: 'PROVISIONING_PLAN_OUT',
  }),
  detailedExitcode: option<boolean>({
    flags: '--detailed-exitcode',
    description:
      'exit 0 when nothing would change and 2 when something would (1 on errors), as terraform plan -detailed-exitcode',
    env: 'PROVISIONING_DETAILED_EXITCODE',
  }),
};

export const APPLY_OPTIONS = {
  ...RUN_OPTIONS,
  serial: option({
    flags: '--serial <n>',
    description: 'rolling batches: at most N hosts at a time, each batch finished before the next',
    env: 'PROVISIONING_SERIAL',
    parse: positiveInt,
  }),
  maxFailPercent: option({
    flags: '--max-fail-percent <p>',
    description: 'stop starting hosts once more than P% of them failed',
    env: 'PROVISIONING_MAX_FAIL_PERCENT',
    parse: percentage,
  }),
  failFast: option<boolean>({
    flags: '--fail-fast',
    description: 'stop starting hosts after the first failure',
    env: 'PROVISIONING_FAIL_FAST',
  }),
  plan: option({
    flags: '--plan <file>',
    description: 'apply this saved plan (from plan --out); hosts that changed since are refused',
    env: 'PROVISIONING_PLAN_FILE',
  }),
};

/** taskserv install/remove/status: one entry on its servers. */
export const ENTRY_OPTIONS = {
  ...SHARED_OPTIONS,
  servers: option({
    flags: '--servers <selection>',
    description: 'only these of its servers: names (web-1,web-2) and/or labels (role=web)',
    env: 'PROVISIONING_SERVERS',
  }),
};

/** run and server exec: an ad-hoc command line on hosts. */
export const AD_HOC_OPTIONS = {
  ...SHARED_OPTIONS,
  sudo: option<boolean>({
    flags: '--sudo',
    description: 'run the command through sudo on each host',
    env: 'PROVISIONING_SUDO',
  }),
  timeout: option({
    flags: '--timeout <seconds>',
    description: 'kill the command on a host after this long (default: settings run.timeout, 600)',
    env: 'PROVISIONING_TIMEOUT',
    parse: positiveSeconds,
  }),
};

export const RUN_COMMAND_OPTIONS = {
  servers: option({
    flags: '--servers <selection>',
    description: "servers to run on: names (web-1,web-2), labels (role=web), or 'all'",
    env: 'PROVISIONING_SERVERS',
    mandatory: true,
  }),
  ...AD_HOC_OPTIONS,
};

export type RunOptionValues = OptionValues<typeof RUN_OPTIONS>;
export type PlanOptionValues = OptionValues<typeof PLAN_OPTIONS>;
export type ApplyOptionValues = OptionValues<typeof APPLY_OPTIONS>;
export type EntryOptionValues = OptionValues<typeof ENTRY_OPTIONS>;
export type AdHocOptionValues = OptionValues<typeof AD_HOC_OPTIONS>;
export type RunCommandOptionValues = OptionValues<typeof RUN_COMMAND_OPTIONS>;

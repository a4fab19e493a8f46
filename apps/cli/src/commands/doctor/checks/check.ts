export type CheckStatus = 'ok' | 'warning' | 'error' | 'skipped';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, e.g. "OpenSSH_9.2p1" or "no provisioning.yaml above /srv". */
  detail: string;
  /** What to do about a warning or error. */
  hint?: string;
}

export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
  /** --workspace, when given. */
  workspaceOption?: string;
  /** Set by the workspace check for the checks after it. */
  workspaceRoot?: string;
}

export interface Check {
  id: string;
  title: string;
  run(context: DoctorContext): Promise<Omit<CheckResult, 'id' | 'title'>>;
}

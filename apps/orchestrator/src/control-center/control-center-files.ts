import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The control center's static files, served at these paths without a token: they hold no data,
 * and the page asks for the token before it calls the API (which stays bearer-only).
 */
export const CONTROL_CENTER_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/control-center/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/control-center/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/** The page may load its own script and style and call this origin's API; nothing else, and no framing. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where the bundle is: beside the orchestrator's main.js in a build (dist/apps/orchestrator/control-center), or as told. */
export function controlCenterDir(env: NodeJS.ProcessEnv): string {
  return env.PROVISIONING_CONTROL_CENTER_DIR ?? join(__dirname, 'control-center');
}

export function isControlCenterPath(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && path in CONTROL_CENTER_FILES;
}

export type ControlCenterAnswer =
  | { found: true; body: Buffer; headers: Record<string, string> }
  | { found: false; message: string; hint: string };

/** Reads one of the control center's files from `dir` for `path` (one of CONTROL_CENTER_FILES). */
export function controlCenterFile(dir: string, path: string): ControlCenterAnswer {
  const entry = CONTROL_CENTER_FILES[path];
  const file = join(dir, entry.file);
  if (!existsSync(file))
    return {
      found: false,
      message: `the control center is not built (no ${file})`,
      hint: 'build it with `nx run orchestrator:build` (it ships beside dist/apps/orchestrator/main.js), or set PROVISIONING_CONTROL_CENTER_DIR to the folder of its index.html',
    };
  return {
    found: true,
    body: readFileSync(file),
    headers: {
      'Content-Type': entry.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    },
  };
}

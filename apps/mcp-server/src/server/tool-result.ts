import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { EngineError, WorkflowInvalidError, WorkspaceInvalidError } from '@provisioning/engine';
import type { Redactor } from '@provisioning/sdk';

/** Every string of a JSON value passed through the redactor (results leave the process only this way). */
function redactDeep(value: unknown, redactor: Redactor): unknown {
  return JSON.parse(redactor.redact(JSON.stringify(value ?? null)));
}

/** A tool's structured result, also as text for clients that read only `content`. */
export function toolResult(value: Record<string, unknown>, redactor: Redactor): CallToolResult {
  const safe = redactDeep(value, redactor) as Record<string, unknown>;
  return { content: [{ type: 'text', text: JSON.stringify(safe, null, 2) }], structuredContent: safe };
}

/** A refusal or failure the assistant should read and act on: what happened and what to do next. */
export function toolError(error: unknown, redactor: Redactor): CallToolResult {
  const body: Record<string, unknown> = { error: error instanceof Error ? error.message : String(error) };
  if (error instanceof EngineError) body['code'] = error.code;
  // EngineError and the store's and extensions' errors all carry a hint: what to do next.
  const hint = (error as { hint?: unknown } | null)?.hint;
  if (typeof hint === 'string' && hint) body['hint'] = hint;
  if (error instanceof WorkspaceInvalidError || error instanceof WorkflowInvalidError)
    body['diagnostics'] = error.diagnostics;
  const safe = redactDeep(body, redactor) as Record<string, unknown>;
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(safe, null, 2) }] };
}

/** Runs a tool body; any throw becomes a redacted error result instead of a protocol error. */
export async function guarded(
  redactor: Redactor,
  body: () => Promise<Record<string, unknown>>,
): Promise<CallToolResult> {
  try {
    return toolResult(await body(), redactor);
  } catch (error) {
    return toolError(error, redactor);
  }
}

/**
 * Runs a resource read or list: a failure becomes a protocol error whose message passed the
 * redactor (resources have no error results, and a workspace error may quote a secret).
 */
export async function guardedResource<T>(redactor: Redactor, body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = (error as { hint?: unknown } | null)?.hint;
    throw new McpError(
      ErrorCode.InternalError,
      redactor.redact(typeof hint === 'string' && hint ? `${message} (${hint})` : message),
    );
  }
}

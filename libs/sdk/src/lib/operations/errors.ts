import type { z } from 'zod';

/** An operation or task service definition that cannot be valid; thrown where it is written, before any host is touched. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(issues.length ? `${message}:\n  - ${issues.join('\n  - ')}` : message);
  }
}

export function zodIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
}

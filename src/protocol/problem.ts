/** What every wire shares: the error shape it carries and how a refusal reason is worded. */
import { z } from 'zod';
import { ERROR_CODES } from '../shared/app-error.js';

export const wireErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().max(1000),
});

/** One validation issue as a reason a sender can read: `field.path: what is wrong`. */
export function describeIssue(
  issue: { path: readonly PropertyKey[]; message: string } | undefined,
  whole = 'message',
): string {
  if (!issue) return `${whole} is malformed`;
  const path = issue.path.map(String).join('.');
  return `${path || whole}: ${issue.message}`;
}

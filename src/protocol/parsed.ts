/**
 * The one shape every parser in this project returns, whatever the wire: the value, or a reason
 * a person or a sender can read. The SDK exports it to widget authors for their own messages.
 * No validator is imported here, so the SDK can export it without carrying one.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function accepted<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function refused<T = never>(reason: string): Parsed<T> {
  return { ok: false, reason };
}

/** One validation issue as a reason a sender can read: `field.path: what is wrong`. */
export function describeIssue(
  issue: { path: readonly PropertyKey[]; message: string } | undefined,
  whole = 'message',
): string {
  if (!issue) return `${whole} is malformed`;
  const path = issue.path.map(String).join('.');
  return `${path || whole}: ${issue.message}`;
}

/** What `parseWith` needs of a schema: zod's `safeParse`, by shape rather than by import. */
export interface SafeParser<T> {
  safeParse(
    raw: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Parses `raw` with a schema into a `Parsed`, the first issue worded as the reason. */
export function parseWith<T>(schema: SafeParser<T>, raw: unknown, whole?: string): Parsed<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? accepted(parsed.data)
    : refused(describeIssue(parsed.error.issues[0], whole));
}

/** The host's parser for the widget wire (see widget.ts): every frame message starts here. */
import { z } from 'zod';
import { parseWith, type Parsed } from './parsed.js';
import { WIDGET_LIMITS, type WidgetRequest } from './widget.js';

const requestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const spoolId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// Shaped like a BCP 47 tag; whether the browser knows the language is the translator's say.
const languageTag = z
  .string()
  .max(WIDGET_LIMITS.maxLanguageTagLength)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as "de" or "zh-Hant"');
const storageKey = z.string().min(1).max(WIDGET_LIMITS.maxStorageKeyLength);
// No length cap here: the host measures the encoded bytes and answers MESSAGE_TOO_LARGE, which
// tells a widget more than a schema error would.
const jsonText = z.string();

const outgoingPayloadSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('json'), text: jsonText }),
  z.strictObject({ kind: z.literal('bytes'), bytes: z.instanceof(ArrayBuffer) }),
]);

const widgetRequestSchema: z.ZodType<WidgetRequest> = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('message:send'),
    id: requestId,
    to: z.string().min(1).max(64).optional(),
    payload: outgoingPayloadSchema,
  }),
  z.strictObject({ type: z.literal('storage:get'), id: requestId, key: storageKey }),
  z.strictObject({
    type: z.literal('storage:set'),
    id: requestId,
    key: storageKey,
    // null removes the key
    // No cap here either: the storage answers STORAGE_FULL, naming the limit.
    text: z.string().nullable(),
  }),
  z.strictObject({
    type: z.literal('badge:set'),
    count: z.number().int().min(0).max(WIDGET_LIMITS.maxBadge),
  }),
  z.strictObject({ type: z.literal('spool:open'), id: requestId }),
  z.strictObject({
    type: z.literal('spool:write'),
    id: requestId,
    spool: spoolId,
    bytes: z.instanceof(ArrayBuffer),
  }),
  z.strictObject({
    type: z.literal('spool:finish'),
    id: requestId,
    spool: spoolId,
    name: z.string().max(WIDGET_LIMITS.maxFileNameLength),
    mime: z.string().max(WIDGET_LIMITS.maxMimeLength),
  }),
  z.strictObject({ type: z.literal('spool:discard'), id: requestId, spool: spoolId }),
  z.strictObject({ type: z.literal('translate:status'), id: requestId }),
  z.strictObject({
    type: z.literal('translate:text'),
    id: requestId,
    text: z.string().max(WIDGET_LIMITS.maxTranslateChars),
    to: languageTag,
  }),
  z.strictObject({ type: z.literal('widget:connected') }),
]);

/** Reads one message from a widget frame; a malformed one gets a reason. */
export function parseWidgetRequest(raw: unknown): Parsed<WidgetRequest> {
  return parseWith(widgetRequestSchema, raw);
}

/** The id of a request that was refused, if it carried a usable one, so the refusal can name it. */
export function requestIdOf(raw: unknown): number | undefined {
  const id = requestId.safeParse((raw as { id?: unknown } | null)?.id);
  return id.success ? id.data : undefined;
}

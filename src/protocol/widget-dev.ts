/**
 * The widget dev wire: what `npm run widget:dev <id>` serves on this computer, and what a call
 * page connected to it reads. Server-sent events say when the widget was packed again (or why it
 * could not be); the packed file itself is fetched and checked like any other .tfxwidget. The
 * call page trusts none of it: each event is parsed here, and the bytes go through readBundle
 * with the hash the event announced.
 */
import * as z from 'zod/mini';
import { accepted, parseWith, refused, type Parsed, type SafeParser } from './parsed.js';

/** Where `npm run widget:dev` listens unless told otherwise. */
export const WIDGET_DEV_DEFAULT_ADDRESS = 'http://127.0.0.1:5199';
export const WIDGET_DEV_EVENTS_PATH = '/events';
export const WIDGET_DEV_BUNDLE_PATH = '/widget.tfxwidget';

/** The server-sent event names. */
export const WIDGET_DEV_EVENTS = { packed: 'widget:packed', failed: 'widget:failed' } as const;

const SHA256 = /^[0-9a-f]{64}$/;

const packedSchema = z.strictObject({
  id: z.string().check(z.maxLength(64)),
  version: z.string().check(z.maxLength(32)),
  sha256: z.string().check(z.regex(SHA256, 'must be 64 lowercase hex digits')),
  size: z.number().check(z.int(), z.nonnegative()),
});
const failedSchema = z.strictObject({ reason: z.string().check(z.maxLength(2000)) });

export type WidgetPacked = z.infer<typeof packedSchema>;
export type WidgetPackFailed = z.infer<typeof failedSchema>;

function fromJson<T>(schema: SafeParser<T>, text: unknown): Parsed<T> {
  if (typeof text !== 'string') return refused('DEV_BAD_EVENT: the event is not text');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refused('DEV_BAD_EVENT: the event is not JSON');
  }
  const parsed = parseWith(schema, raw, 'event');
  return parsed.ok ? parsed : refused(`DEV_BAD_EVENT: ${parsed.reason}`);
}

export const parseWidgetPacked = (text: unknown) => fromJson<WidgetPacked>(packedSchema, text);
export const parseWidgetPackFailed = (text: unknown) =>
  fromJson<WidgetPackFailed>(failedSchema, text);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A dev server's address as a person typed it: http or https, on this computer only (a widget
 * in development is code from one's own disk, never from the network), no path. Returns its
 * origin.
 */
export function widgetDevAddress(text: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return refused('DEV_BAD_ADDRESS: it is not a web address, such as http://127.0.0.1:5199');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return refused('DEV_BAD_ADDRESS: it must start with http:// or https://');
  if (!LOOPBACK_HOSTS.has(url.hostname))
    return refused('DEV_NOT_LOCAL: it must be on this computer (127.0.0.1, localhost or [::1])');
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== ''))
    return refused('DEV_BAD_ADDRESS: give only the address, such as http://127.0.0.1:5199');
  return accepted(url.origin);
}

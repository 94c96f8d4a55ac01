/**
 * The runtime-message wire: popup → service worker, and the invite page (a web page, through
 * `externally_connectable`) → service worker. Parsed from `unknown` on arrival.
 */
import { z } from 'zod';
import type { Result } from '../shared/app-error.js';
import { parseWith } from './parsed.js';
import { wireErrorSchema } from './problem.js';
import { displayNameSchema, roomIdSchema } from './signalling.js';

export const EXTENSION_MESSAGE_VERSION = 1;

const openCallSchema = z.strictObject({
  type: z.literal('call:open'),
  v: z.literal(EXTENSION_MESSAGE_VERSION),
  room: roomIdSchema,
  /** Set when the popup could not remember the name: the call's pre-join step shows it. */
  name: displayNameSchema.optional(),
});

const inviteOpenSchema = z.strictObject({
  type: z.literal('invite:open'),
  v: z.literal(EXTENSION_MESSAGE_VERSION),
  room: roomIdSchema,
});

export type OpenCallMessage = z.infer<typeof openCallSchema>;
export type InviteOpenMessage = z.infer<typeof inviteOpenSchema>;
export type ExtensionReply = Result<null>;

/** The popup's request to open a call window; the wire's tag and version written once, here. */
export function openCallMessage(room: string, name?: string): OpenCallMessage {
  return {
    type: 'call:open',
    v: EXTENSION_MESSAGE_VERSION,
    room,
    ...(name === undefined ? {} : { name }),
  };
}

/** The invite page's request to open a call window for a room. */
export function inviteOpenMessage(room: string): InviteOpenMessage {
  return { type: 'invite:open', v: EXTENSION_MESSAGE_VERSION, room };
}

const replySchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), data: z.null() }),
  z.strictObject({
    ok: z.literal(false),
    error: wireErrorSchema,
  }),
]);

/** The service worker's answer, as the popup receives it. */
export const parseExtensionReply = (raw: unknown) => parseWith(replySchema, raw);

/** Messages from the extension's own pages. */
export const parseInternalMessage = (raw: unknown) => parseWith(openCallSchema, raw);
/** Messages from web pages allowed by `externally_connectable` (the invite page). */
export const parseExternalMessage = (raw: unknown) => parseWith(inviteOpenSchema, raw);

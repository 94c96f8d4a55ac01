/**
 * The embed wire: window messages between a website's page (embed.js) and the web client in
 * its iframe. Each side posts only to the other's exact origin and parses what arrives here,
 * against one schema. zod/mini keeps embed.js, which every embedding site loads, small.
 */
import * as z from 'zod/mini';
import { ROOM_OR_PEER_ID } from '../shared/id-pattern.js';
import { parseWith } from './parsed.js';

export const EMBED_WIRE = 'tfx-embed';
export const EMBED_WIRE_VERSION = 1;

const envelope = { wire: z.literal(EMBED_WIRE), v: z.literal(EMBED_WIRE_VERSION) };
const peerSchema = z.strictObject({
  id: z.string().check(z.regex(ROOM_OR_PEER_ID)),
  name: z.string().check(z.maxLength(200)),
});

/** What the call tells the website. */
const embedEventSchema = z.discriminatedUnion('event', [
  z.strictObject({ ...envelope, event: z.literal('joined'), room: z.string(), name: z.string() }),
  z.strictObject({ ...envelope, event: z.literal('left') }),
  z.strictObject({ ...envelope, event: z.literal('peerJoined'), peer: peerSchema }),
  z.strictObject({ ...envelope, event: z.literal('peerLeft'), peer: peerSchema }),
  z.strictObject({
    ...envelope,
    event: z.literal('error'),
    code: z.string().check(z.maxLength(64)),
    message: z.string().check(z.maxLength(500)),
  }),
]);

/** What the website asks of the call. */
const embedCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({ ...envelope, command: z.literal('mute'), muted: z.boolean() }),
  z.strictObject({ ...envelope, command: z.literal('leave') }),
]);

export type EmbedEvent = z.infer<typeof embedEventSchema>;
export type EmbedCommand = z.infer<typeof embedCommandSchema>;
export type EmbedEventName = EmbedEvent['event'];
/** What a listener for one event receives: the message without its envelope. */
export type EmbedEventData<Name extends EmbedEventName> = Omit<
  Extract<EmbedEvent, { event: Name }>,
  'wire' | 'v' | 'event'
>;

/** Room ids as every wire accepts them. */
export const isRoomId = (room: unknown): room is string =>
  typeof room === 'string' && ROOM_OR_PEER_ID.test(room);

export const parseEmbedEvent = (raw: unknown) => parseWith(embedEventSchema, raw, 'embed event');
export const parseEmbedCommand = (raw: unknown) =>
  parseWith(embedCommandSchema, raw, 'embed command');

/** An event as the call posts it: the envelope written once, here. */
export function embedEvent<Name extends EmbedEventName>(
  event: Name,
  data: EmbedEventData<Name>,
): EmbedEvent {
  return { wire: EMBED_WIRE, v: EMBED_WIRE_VERSION, event, ...data } as EmbedEvent;
}

/** A command as the website's embed.js posts it. */
export function embedCommand(command: { command: 'mute'; muted: boolean } | { command: 'leave' }) {
  return { wire: EMBED_WIRE, v: EMBED_WIRE_VERSION, ...command } as EmbedCommand;
}

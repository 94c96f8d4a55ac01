/**
 * The signalling wire: socket.io events between the extension and the signalling server.
 * Every event is parsed from `unknown` here, on whichever side receives it.
 */
import { z } from 'zod';
import type { Result } from '../shared/app-error.js';
import {
  displayNameSchema,
  MAX_NAME_CHARS,
  peerIdSchema,
  roomIdSchema,
} from '../shared/identifiers.js';
import { accepted, describeIssue, refused, type Parsed } from './parsed.js';
import { wireErrorSchema } from './problem.js';

export const SIGNALLING_PROTOCOL_VERSION = 1;

export const SIGNALLING_LIMITS = {
  /** socket.io refuses (and disconnects) any single packet larger than this. */
  maxPacketBytes: 64 * 1024,
  /** An SDP with audio, video, a data channel and a dozen candidates is ~6 KiB. */
  maxSdpChars: 48 * 1024,
  maxCandidateChars: 1024,
  maxNameChars: MAX_NAME_CHARS,
  defaultRoomCapacity: 6,
} as const;

// Room ids, peer ids and names are checked the same way wherever they appear: one definition,
// in shared/ (below every wire), used here.
export { displayNameSchema, peerIdSchema, roomIdSchema };

/** What each participant publishes about their own media, so tiles can show it. */
export const mediaStateSchema = z.strictObject({
  audio: z.boolean(),
  video: z.boolean(),
});
export type MediaState = z.infer<typeof mediaStateSchema>;

/**
 * Proof of a peer identity, handed out at the first join and presented to take that identity
 * back after a reconnect or a reload. The server derives the peer id from it (a hash), so a
 * token names exactly one id, and an id does not reveal its token.
 */
export const resumeTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'resume token must be 43 characters of A–Z, a–z, 0–9, "_" or "-"');

/**
 * One call page's run, chosen by the client: the same peer coming back with the same instance
 * (the server restarted) keeps its peer connections; a new instance (the page reloaded) needs new
 * ones.
 */
export const peerInstanceSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,32}$/, 'instance must be 8–32 characters of A–Z, a–z, 0–9, "_" or "-"');

export const peerSchema = z.strictObject({
  id: peerIdSchema,
  instance: peerInstanceSchema,
  name: displayNameSchema,
  media: mediaStateSchema,
});
export type Peer = z.infer<typeof peerSchema>;

const sdpSchema = z.string().min(1).max(SIGNALLING_LIMITS.maxSdpChars, 'sdp is too large');
export const signalSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('offer'), sdp: sdpSchema }),
  z.strictObject({ type: z.literal('answer'), sdp: sdpSchema }),
  z.strictObject({
    type: z.literal('candidate'),
    candidate: z.strictObject({
      candidate: z.string().max(SIGNALLING_LIMITS.maxCandidateChars),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
]);
export type Signal = z.infer<typeof signalSchema>;

const roomSettingsSchema = z.strictObject({ locked: z.boolean(), passwordProtected: z.boolean() });

// ---- client → server -------------------------------------------------------------------

export const clientEventSchemas = {
  'room:join': z.strictObject({
    v: z.literal(SIGNALLING_PROTOCOL_VERSION, {
      error: `protocol version must be ${SIGNALLING_PROTOCOL_VERSION}`,
    }),
    room: roomIdSchema,
    name: displayNameSchema,
    media: mediaStateSchema,
    /** Sets the password of a new room, or opens a protected one. Never logged or stored. */
    password: z.string().min(1).max(128).optional(),
    instance: peerInstanceSchema,
    /** Present when coming back: the token the first join handed out. */
    resume: resumeTokenSchema.optional(),
  }),
  'room:leave': z.strictObject({
    /**
     * The page is going away, perhaps to reload: the place is kept for a few seconds so the
     * reloaded page comes back as the same person. Leaving by the Leave button sends nothing.
     */
    mayReturn: z.literal(true).optional(),
  }),
  /** Any member may lock the room (no one else may join) or unlock it. */
  'room:lock': z.strictObject({ locked: z.boolean() }),
  'signal:send': z.strictObject({ to: peerIdSchema, signal: signalSchema }),
  'media:update': z.strictObject({ media: mediaStateSchema }),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEvent = {
  [K in ClientEventName]: { type: K; payload: z.infer<(typeof clientEventSchemas)[K]> };
}[ClientEventName];

/** An ICE server the signalling server hands out (TURN ones with short-lived credentials). */
export interface IceServerOffer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface RoomSettings {
  locked: boolean;
  passwordProtected: boolean;
}

export interface JoinAccepted {
  self: Peer;
  /** Keep it for this room: presenting it again rejoins as `self.id`. */
  resume: string;
  peers: Peer[];
  capacity: number;
  /** Added to the client's own ICE servers for this call; empty when the server has none. */
  iceServers: IceServerOffer[];
  room: RoomSettings;
}

/** The answer to each client event, sent through the socket.io acknowledgement. */
export interface ClientEventReplies {
  'room:join': JoinAccepted;
  'room:leave': null;
  'room:lock': null;
  'signal:send': null;
  'media:update': null;
}

// ---- server → client -------------------------------------------------------------------

export const serverEventSchemas = {
  'peer:joined': z.strictObject({ peer: peerSchema }),
  'peer:left': z.strictObject({ peerId: peerIdSchema }),
  'peer:updated': z.strictObject({ peer: peerSchema }),
  'room:updated': z.strictObject({ room: roomSettingsSchema }),
  'signal:received': z.strictObject({ from: peerIdSchema, signal: signalSchema }),
  /** This peer id rejoined from another connection (a duplicated tab): this one is over. */
  'session:replaced': z.strictObject({}),
  /** A client event sent without an acknowledgement callback was refused. */
  'request:refused': z.strictObject({
    event: z.string().max(64),
    error: wireErrorSchema,
  }),
} as const;

export type ServerEventName = keyof typeof serverEventSchemas;
export type ServerEventPayload<K extends ServerEventName> = z.infer<(typeof serverEventSchemas)[K]>;
export type ServerEvent = {
  [K in ServerEventName]: { type: K; payload: ServerEventPayload<K> };
}[ServerEventName];

const iceServerOfferSchema = z.strictObject({
  urls: z
    .array(
      z.string().regex(/^(stun|stuns|turn|turns):[^\s]{1,250}$/, 'must be a stun: or turn: URL'),
    )
    .min(1)
    .max(8),
  username: z.string().max(300).optional(),
  credential: z.string().max(300).optional(),
});

const joinAcceptedSchema = z.strictObject({
  room: roomSettingsSchema,
  self: peerSchema,
  resume: resumeTokenSchema,
  peers: z.array(peerSchema).max(256),
  capacity: z.number().int().positive(),
  iceServers: z.array(iceServerOfferSchema).max(8),
});

// ---- parsing ----------------------------------------------------------------------------

function isKnown<T extends object>(schemas: T, name: string): name is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(schemas, name);
}

export function parseClientEvent(name: string, raw: unknown): Parsed<ClientEvent> {
  if (!isKnown(clientEventSchemas, name)) return refused(`unknown event "${name.slice(0, 64)}"`);
  const parsed = clientEventSchemas[name].safeParse(raw);
  if (!parsed.success) return refused(`${name}: ${describeIssue(parsed.error.issues[0])}`);
  return accepted({ type: name, payload: parsed.data } as ClientEvent);
}

export function parseServerEvent(name: string, raw: unknown): Parsed<ServerEvent> {
  if (!isKnown(serverEventSchemas, name)) return refused(`unknown event "${name.slice(0, 64)}"`);
  const parsed = serverEventSchemas[name].safeParse(raw);
  if (!parsed.success) return refused(`${name}: ${describeIssue(parsed.error.issues[0])}`);
  return accepted({ type: name, payload: parsed.data } as ServerEvent);
}

function parseResult<T>(schema: z.ZodType<T>, raw: unknown): Result<T> {
  const envelope = z
    .discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), data: schema }),
      z.strictObject({ ok: z.literal(false), error: wireErrorSchema }),
    ])
    .safeParse(raw);
  if (!envelope.success) {
    return {
      ok: false,
      error: {
        code: 'INVALID_MESSAGE',
        message: `reply: ${describeIssue(envelope.error.issues[0])}`,
      },
    };
  }
  return envelope.data;
}

const replySchemas: { [K in ClientEventName]: z.ZodType<ClientEventReplies[K]> } = {
  'room:join': joinAcceptedSchema,
  'room:leave': z.null(),
  'room:lock': z.null(),
  'signal:send': z.null(),
  'media:update': z.null(),
};

export function parseReply<K extends ClientEventName>(
  name: K,
  raw: unknown,
): Result<ClientEventReplies[K]> {
  return parseResult(replySchemas[name], raw);
}

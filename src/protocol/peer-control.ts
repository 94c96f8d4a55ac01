/**
 * The call's own messages between peers, on the peer wire under a widget id no widget can have
 * (manifest ids never contain "_"). They keep the set of open widgets the same for everyone in
 * the room, and tell everyone who is recording the call, whose hand is up and who reacted.
 * Tagged `'<area>:<verb>'`.
 */
import { z } from 'zod';
import { parseWith, type Parsed } from './parsed.js';

export const CONTROL_CHANNEL_ID = '_host';
/** The reserved id a packed widget's bytes travel under, to one peer that asked for them. */
export const BUNDLE_CHANNEL_ID = '_bundle';

const widgetId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/** The reactions a person can send: names, not free text, so a peer can only pick one of these. */
export const REACTIONS = ['thumbs-up', 'heart', 'laugh', 'clap', 'surprised', 'party'] as const;
export type Reaction = (typeof REACTIONS)[number];

const peerControlSchema = z.discriminatedUnion('type', [
  // Someone opened a widget: it opens for everyone.
  z.strictObject({ type: z.literal('widget:opened'), widget: widgetId }),
  // Sent to each newly connected peer: the widgets open here, so a late joiner gets them.
  // `openers`: who opened each, as the sender knows it (what shared state's 'creator' means).
  z.strictObject({
    type: z.literal('widget:listed'),
    widgets: z.array(widgetId).max(64),
    openers: z.record(widgetId, z.string().min(1).max(64)).optional(),
  }),
  // The widgets running at the sender now, sent to everyone whenever that set changes (a widget
  // accepted, started for a peer, unloaded): each widget's peers() says who runs it.
  z.strictObject({ type: z.literal('widget:running'), widgets: z.array(widgetId).max(64) }),
  // The sender has a widget that is not built in (added from a .tfxwidget): what it is, so a
  // peer without it can be asked whether to take it. Sent before widget:opened / widget:listed.
  z.strictObject({
    type: z.literal('widget:described'),
    widget: widgetId,
    title: z.string().trim().min(1).max(40),
    author: z.string().min(1).max(100),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z
      .number()
      .int()
      .min(1)
      .max(10 * 1024 * 1024),
  }),
  // The sender has a web app it added by its address: what a peer without it is asked about.
  z.strictObject({
    type: z.literal('widget:described-webapp'),
    widget: widgetId,
    title: z.string().trim().min(1).max(40),
    url: z
      .string()
      .max(2000)
      .regex(/^https:\/\/[^\s@]+$/),
  }),
  // The sender accepted a described widget: the peer that described it sends its bytes, once,
  // on the bundle channel.
  z.strictObject({
    type: z.literal('widget:bundle-asked'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  // The sender started or stopped recording the call (also sent to each newly connected peer
  // while it records); `elapsedMs` lets others show how long it has been recording.
  z.strictObject({
    type: z.literal('recording:changed'),
    active: z.boolean(),
    elapsedMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600 * 1000),
  }),
  // The sender raised or lowered their hand (also sent to each newly connected peer while up).
  z.strictObject({ type: z.literal('hand:changed'), raised: z.boolean() }),
  // The sender reacted (shown on their tile for a moment; nothing is kept).
  z.strictObject({ type: z.literal('reaction:sent'), reaction: z.enum(REACTIONS) }),
]);

export type PeerControl = z.output<typeof peerControlSchema>;

export function parsePeerControl(raw: unknown): Parsed<PeerControl> {
  return parseWith(peerControlSchema, raw);
}

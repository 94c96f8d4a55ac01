/**
 * The widget wire: messages between the call page (host) and one sandboxed widget frame, over
 * the MessagePort the host hands that frame alone. This file holds only types and constants:
 * the SDK bundles it into every widget, so the schema the host parses with lives next door in
 * `widget-schema.ts`, where the validation library stays out of widgets.
 */
import type { WireError } from '../shared/app-error.js';

export const WIDGET_PROTOCOL_VERSION = 1;

/** The one window message the host posts to a frame: it carries the frame's port. */
export const CONNECT_MESSAGE = 'tfx:connect';

export const WIDGET_LIMITS = {
  /** The largest message a widget may send, encoded (UTF-8 JSON text or bytes). */
  maxMessageBytes: 16 * 1024 * 1024,
  maxStorageKeyLength: 200,
  /** Per widget and room, all keys together, as UTF-8 JSON text. */
  maxStorageBytes: 1024 * 1024,
  maxBadge: 9999,
} as const;

export interface PeerInfo {
  id: string;
  name: string;
}

/** What a widget sends: JSON it serialized itself, or bytes it handed over. */
export type OutgoingPayload =
  { kind: 'json'; text: string } | { kind: 'bytes'; bytes: ArrayBuffer };

/** What a widget receives: JSON the host has already parsed and checked, or bytes. */
export type IncomingPayload =
  { kind: 'json'; value: unknown } | { kind: 'bytes'; bytes: ArrayBuffer };

/** What a widget frame asks of its host. */
export type WidgetRequest =
  | { type: 'message:send'; id: number; to?: string; payload: OutgoingPayload }
  | { type: 'storage:get'; id: number; key: string }
  // text null removes the key
  | { type: 'storage:set'; id: number; key: string; text: string | null }
  | { type: 'badge:set'; count: number };

export type RequestResult = { ok: true; data?: unknown } | { ok: false; error: WireError };

export type HostMessage =
  | {
      type: 'host:hello';
      version: typeof WIDGET_PROTOCOL_VERSION;
      self: PeerInfo;
      peers: PeerInfo[];
      visible: boolean;
    }
  | { type: 'message:received'; from: PeerInfo; payload: IncomingPayload }
  | { type: 'peers:changed'; peers: PeerInfo[]; joined?: PeerInfo; left?: PeerInfo }
  | { type: 'visibility:changed'; visible: boolean }
  | { type: 'request:done'; id: number; result: RequestResult }
  // A message the host could not read; it names the request when the id was readable.
  | { type: 'request:refused'; id?: number; error: WireError };

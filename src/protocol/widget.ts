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

/**
 * Posted before CONNECT_MESSAGE to the runner page that hosts a packed widget: the widget's
 * files, `[path, bytes][]`, as read and checked from its .tfxwidget (src/widget-host/runner).
 */
export const BUNDLE_MESSAGE = 'tfx:bundle';

export const WIDGET_LIMITS = {
  /** The largest message a widget may send, encoded (UTF-8 JSON text or bytes). */
  maxMessageBytes: 16 * 1024 * 1024,
  maxStorageKeyLength: 200,
  /** Per widget and room, all keys together, as UTF-8 JSON text. */
  maxStorageBytes: 1024 * 1024,
  maxBadge: 9999,
  /** A spool's file name and type, as a widget gives them when it finishes one. */
  maxFileNameLength: 255,
  maxMimeLength: 200,
  /** The longest text a widget may ask the host to translate at once, in UTF-16 units. */
  maxTranslateChars: 5000,
  /** A BCP 47 language tag, as a widget names a language ('de', 'zh-Hant'). */
  maxLanguageTagLength: 35,
} as const;

/**
 * Whether this browser can translate on the device, as a widget with the `translate` permission
 * asks: 'available' at once, 'downloadable' or 'downloading' once its language models are in
 * (the browser asks the person first), 'unavailable' with `why`.
 */
export type TranslationStatus =
  | { state: 'available' | 'downloadable' | 'downloading' }
  | { state: 'unavailable'; why: 'no-translator' | 'no-language-detector' };

/** A text translated for a widget: `from` is the language the host detected ('und' if none). */
export interface Translation {
  text: string;
  from: string;
  /** False when the text is already in the language asked for, or undetermined: text as given. */
  translated: boolean;
}

/** The call's colours, which follow the person's system setting; widgets match them. */
export type Theme = 'light' | 'dark';

export interface PeerInfo {
  id: string;
  name: string;
}

/**
 * One second of one peer connection, as a widget with the `stats` permission sees it. Only
 * figures and names: no IP addresses, ports or candidate strings ever reach a widget.
 */
export interface PeerCallStats {
  peer: PeerInfo;
  /** When this sample was taken (ms since 1970, this device's clock). */
  at: number;
  /** Round trip on the selected candidate pair; undefined until measured. */
  roundTripMs?: number;
  /** Share of packets lost in the last interval, audio and video received together, 0–100. */
  packetLossPercent?: number;
  bitrateInKbps: number;
  bitrateOutKbps: number;
  /** The video being received from the peer, when there is one. */
  videoIn?: { width: number; height: number; framesPerSecond: number };
  codecs: { audioIn?: string; videoIn?: string; audioOut?: string; videoOut?: string };
  /** 'relayed' when either end of the selected pair is a TURN relay. */
  path: 'direct' | 'relayed' | 'unknown';
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
  | { type: 'badge:set'; count: number }
  // A spool: bytes the host keeps on disk for the widget until they are one File (`downloads`).
  | { type: 'spool:open'; id: number }
  | { type: 'spool:write'; id: number; spool: number; bytes: ArrayBuffer }
  | { type: 'spool:finish'; id: number; spool: number; name: string; mime: string }
  | { type: 'spool:discard'; id: number; spool: number }
  // On-device translation by the browser, for widgets with the `translate` permission.
  | { type: 'translate:status'; id: number }
  | { type: 'translate:text'; id: number; text: string; to: string }
  // The SDK took the port: the widget started. A frame that never says so did not.
  | { type: 'widget:connected' };

export type RequestResult = { ok: true; data?: unknown } | { ok: false; error: WireError };

/** A peer as a widget sees it in the list of reachable peers. */
export interface WidgetPeer extends PeerInfo {
  /** Whether that peer runs this widget now: false when they said No to it, or lack it. */
  hasWidget: boolean;
}

export type HostMessage =
  | {
      type: 'host:hello';
      version: typeof WIDGET_PROTOCOL_VERSION;
      self: PeerInfo;
      peers: WidgetPeer[];
      visible: boolean;
      theme: Theme;
      /** The reader's language, as the call's own strings are in it (a BCP 47 tag: 'es'). */
      language?: string;
      /** Who opened this widget in the call, as the host knows it; absent when it does not. */
      openedBy?: string;
    }
  | { type: 'message:received'; from: PeerInfo; payload: IncomingPayload }
  // A peer's message that never reaches the widget's handlers, and why: counted by the SDK.
  | { type: 'message:rejected'; from: PeerInfo; reason: string }
  | { type: 'peers:changed'; peers: WidgetPeer[]; joined?: PeerInfo; left?: PeerInfo }
  | { type: 'visibility:changed'; visible: boolean }
  | { type: 'theme:changed'; theme: Theme }
  // Once a second, only to widgets that declared the `stats` permission.
  | { type: 'stats:sample'; stats: PeerCallStats[] }
  | { type: 'request:done'; id: number; result: RequestResult }
  // A message the host could not read; it names the request when the id was readable.
  | { type: 'request:refused'; id?: number; error: WireError };

import { MAX_JSON_DEPTH, jsonDepth } from '../protocol/json-depth.js';
import { accepted, refused, type Parsed } from '../protocol/parsed.js';
import { PEER_LIMITS } from '../protocol/peer.js';
import {
  WIDGET_PROTOCOL_VERSION,
  type HostMessage,
  type IncomingPayload,
  type PeerInfo,
  type RequestResult,
  type Theme,
  type WidgetPeer,
  type WidgetRequest,
} from '../protocol/widget.js';
import { AppError, errors } from '../shared/app-error.js';
import { assertNever } from '../shared/assert-never.js';
import type { Logger } from '../shared/log.js';
import { SendBudget, type SendBudgetLimits } from './send-budget.js';
import { memorySpoolStore } from './spool/memory-spool-store.js';
import type { SpoolStore } from './spool/spool-store.js';
import { WidgetSpools, answerSpoolRequest, type SpoolRequest } from './spool/widget-spools.js';
import type { OnDeviceTranslation } from './translation/on-device-translation.js';
import { WidgetFrame } from './widget-frame.js';
import type { NetworkMessage, WidgetNetwork, WidgetStorage } from './widget-network.js';

export interface RunningWidgetOptions {
  id: string;
  title: string;
  url: string;
  mayDownload?: boolean;
  /** A packed widget's files, for the runner page at `url`. */
  bundle?: ReadonlyMap<string, Uint8Array>;
  network: WidgetNetwork;
  storage: WidgetStorage;
  log: Logger;
  visible: boolean;
  theme: Theme;
  /** The reader's language, handed to the widget (the SDK's `language()`). */
  language?: string;
  onBadge: (count: number) => void;
  /** The widget flooded its host with requests and should be unloaded. */
  onFlood: () => void;
  /** Whether this widget runs at that peer now (what `peers()` tells the widget). */
  runsAt: (peerId: string) => boolean;
  /** Who opened this widget in the call, when known. */
  openedBy?: () => string | undefined;
  /** Whether its page started (see WidgetFrameOptions.onStarted). */
  onStarted?: (started: boolean) => void;
  budget?: SendBudgetLimits;
  /** Where spools keep their bytes (memory unless the page has a disk for them). */
  spoolStore?: SpoolStore;
  /** The widget declared `translate`: it may ask the browser's on-device translator. */
  mayTranslate?: boolean;
  /** The page's translator, shared by its widgets; without one, translation is unavailable. */
  translation?: OnDeviceTranslation;
  signal: AbortSignal;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A peer's JSON message, read only if a widget frame can take it (see json-depth.ts). */
export function readJson(bytes: Uint8Array): Parsed<unknown> {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return refused('INVALID_MESSAGE: it is not valid UTF-8');
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    return refused(`INVALID_MESSAGE: it is nested more than ${MAX_JSON_DEPTH} levels deep`);
  try {
    return accepted(JSON.parse(text) as unknown);
  } catch {
    return refused('INVALID_MESSAGE: it is not JSON');
  }
}

/**
 * One widget running on this page: its frame, its send allowance, and the answers to what it
 * asks for. Everything it sends is stamped with its own id, whatever it claims.
 */
export class RunningWidget {
  readonly frame: WidgetFrame;
  private readonly budget: SendBudget;
  private readonly spools: WidgetSpools;
  private visible: boolean;
  private theme: Theme;

  constructor(private readonly options: RunningWidgetOptions) {
    this.visible = options.visible;
    this.theme = options.theme;
    this.budget = new SendBudget(options.budget);
    this.spools = new WidgetSpools(options.spoolStore ?? memorySpoolStore);
    // A widget that stops leaves nothing on disk.
    options.signal.addEventListener('abort', () => void this.spools.discardAll(), { once: true });
    this.frame = new WidgetFrame({
      url: options.url,
      title: options.title,
      mayDownload: options.mayDownload ?? false,
      ...(options.bundle ? { bundle: options.bundle } : {}),
      signal: options.signal,
      hello: () => ({
        type: 'host:hello',
        version: WIDGET_PROTOCOL_VERSION,
        self: options.network.self,
        peers: this.peers(),
        visible: this.visible,
        theme: this.theme,
        ...(options.language ? { language: options.language } : {}),
        ...openerOf(options.openedBy?.()),
      }),
      onRequest: (request) => this.handle(request),
      onRefused: (reason) => options.log.warn(`Widget "${options.id}" sent a bad message`, reason),
      onFlood: () => options.onFlood(),
      ...(options.onStarted ? { onStarted: options.onStarted } : {}),
    });
  }

  get id(): string {
    return this.options.id;
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** The reachable peers, each with whether this widget runs there. */
  private peers(): WidgetPeer[] {
    return this.options.network
      .peers()
      .map((peer) => ({ ...peer, hasWidget: this.options.runsAt(peer.id) }));
  }

  /** Hands a message from a peer's instance of this widget to the frame. */
  deliver(message: NetworkMessage): void {
    const payload = this.decode(message);
    if (!payload) return;
    this.frame.post(
      { type: 'message:received', from: message.from, payload },
      payload.kind === 'bytes' ? [payload.bytes] : [],
    );
  }

  peersChanged(change: { joined?: PeerInfo; left?: PeerInfo }): void {
    this.frame.post({ type: 'peers:changed', peers: this.peers(), ...change });
  }

  /** A host message with nothing to answer (call statistics). */
  post(message: Extract<HostMessage, { type: 'stats:sample' }>): void {
    this.frame.post(message);
  }

  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.frame.post({ type: 'theme:changed', theme });
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.frame.post({ type: 'visibility:changed', visible });
  }

  private decode(message: NetworkMessage): IncomingPayload | undefined {
    if (message.kind === 'bytes') {
      const { payload } = message;
      // A private copy the frame can own: the received buffer may hold other frames' bytes.
      return { kind: 'bytes', bytes: payload.slice().buffer };
    }
    const json = readJson(message.payload);
    if (json.ok) return { kind: 'json', value: json.value };
    // Dropped, but never silently: the widget's onRejected hears of it, and the log says why.
    this.options.log.warn(
      `Dropped a message for "${this.id}" from ${message.from.id}`,
      json.reason,
    );
    this.frame.post({ type: 'message:rejected', from: message.from, reason: json.reason });
    return undefined;
  }

  private handle(request: WidgetRequest): void {
    switch (request.type) {
      case 'message:send':
        return this.answer(request.id, this.send(request));
      case 'storage:get':
        return this.answer(
          request.id,
          this.options.storage.get(this.id, request.key).then((text) => text),
        );
      case 'storage:set':
        return this.answer(
          request.id,
          this.options.storage.set(this.id, request.key, request.text).then(() => undefined),
        );
      case 'badge:set':
        return this.options.onBadge(request.count);
      case 'spool:open':
      case 'spool:write':
      case 'spool:finish':
      case 'spool:discard':
        return this.answer(request.id, this.spool(request));
      case 'translate:status':
      case 'translate:text':
        return this.answer(request.id, this.translate(request));
      case 'widget:connected':
        return; // the frame's own business (widget-frame.ts)
      default:
        return assertNever(request);
    }
  }

  // Saving to disk is what the `downloads` permission grants; a spool is the way there.
  private spool(request: SpoolRequest): Promise<unknown> {
    if (!this.options.mayDownload)
      return Promise.reject(
        errors.invalidMessage('a spool needs the downloads permission in the widget manifest'),
      );
    return answerSpoolRequest(this.spools, request);
  }

  private async translate(
    request: Extract<WidgetRequest, { type: 'translate:status' | 'translate:text' }>,
  ): Promise<unknown> {
    if (!this.options.mayTranslate)
      throw errors.invalidMessage(
        'translating needs the translate permission in the widget manifest',
      );
    const { translation } = this.options;
    if (request.type === 'translate:status')
      return translation ? translation.status() : { state: 'unavailable', why: 'no-translator' };
    if (!translation) throw errors.unavailable('This page has no on-device translator.');
    return translation.translate(request.text, request.to);
  }

  private async send(request: Extract<WidgetRequest, { type: 'message:send' }>): Promise<void> {
    const { payload, to } = request;
    // Each UTF-16 unit is at least one UTF-8 byte: a text this long is too large unencoded.
    if (payload.kind === 'json' && payload.text.length > PEER_LIMITS.maxMessageBytes)
      throw errors.messageTooLarge(payload.text.length, PEER_LIMITS.maxMessageBytes);
    const bytes =
      payload.kind === 'json' ? utf8.encode(payload.text) : new Uint8Array(payload.bytes);
    if (bytes.byteLength > PEER_LIMITS.maxMessageBytes) {
      throw errors.messageTooLarge(bytes.byteLength, PEER_LIMITS.maxMessageBytes);
    }
    if (to !== undefined && !this.options.network.knows(to)) throw errors.unknownPeer(to);
    const refusal = this.budget.take(bytes.byteLength);
    if (refusal) throw refusal;
    try {
      await this.options.network.send(this.id, payload.kind, bytes, to);
    } finally {
      this.budget.release(bytes.byteLength);
    }
  }

  private answer(id: number, work: Promise<unknown>): void {
    work.then(
      (data) => this.reply(id, data === undefined ? { ok: true } : { ok: true, data }),
      (error: unknown) => {
        // What the host could not do for a reason of its own (a storage failure, a bug) is
        // its error, not the widget's: it is never reported as a malformed request.
        const wire =
          error instanceof AppError
            ? error.toWire()
            : { code: 'HOST_ERROR' as const, message: String(error) };
        this.reply(id, { ok: false, error: wire });
      },
    );
  }

  private reply(id: number, result: RequestResult): void {
    this.frame.post({ type: 'request:done', id, result });
  }
}

const openerOf = (peerId: string | undefined) => (peerId ? { openedBy: peerId } : {});

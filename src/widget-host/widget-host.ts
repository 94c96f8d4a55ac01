import { BUNDLE_CHANNEL_ID, CONTROL_CHANNEL_ID } from '../protocol/peer-control.js';
import type { PeerCallStats, Theme } from '../protocol/widget.js';
import type { Logger } from '../shared/log.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import { RunningWidget } from './running-widget.js';
import type { SendBudgetLimits } from './send-budget.js';
import type { SpoolStore } from './spool/spool-store.js';
import type { OnDeviceTranslation } from './translation/on-device-translation.js';
import type { NetworkMessage, WidgetNetwork, WidgetStorage } from './widget-network.js';

/** What the host needs to know about a widget to run it. */
export interface RunnableWidget {
  id: string;
  title: string;
  /** The page to frame, already resolved against the extension (or the playground server). */
  url: string;
  /** Whether the frame may save files (the `downloads` permission); nothing else is granted. */
  mayDownload?: boolean;
  /** Whether the frame gets call statistics (the `stats` permission). */
  mayReadStats?: boolean;
  /** Whether the frame may ask for on-device translation (the `translate` permission). */
  mayTranslate?: boolean;
  /** A packed widget's checked files; `url` is then the runner page. */
  bundle?: ReadonlyMap<string, Uint8Array>;
}

export interface WidgetHostEvents extends Record<string, unknown> {
  badgeChanged: { widgetId: string; count: number };
  /** A widget was unloaded for flooding this page with requests. */
  widgetUnloaded: { widgetId: string };
  /** A widget began running on this page (its frame exists from now). */
  widgetStarted: { widgetId: string };
  /** A widget's page loaded but did not start (false), or started after all (true). */
  startReported: { widgetId: string; started: boolean };
}

export interface WidgetHostOptions {
  widgets: RunnableWidget[];
  network: WidgetNetwork;
  storage: WidgetStorage;
  log: Logger;
  /** The call's colours when the host starts; `setTheme` follows changes. */
  theme?: Theme;
  /** The reader's language, which widgets are told so they can speak it. */
  language?: string;
  budget?: SendBudgetLimits;
  /** Where widgets' spools keep their bytes; memory unless the page gives a disk. */
  spoolStore?: SpoolStore;
  /** The browser's on-device translator, for widgets with the `translate` permission. */
  translation?: OnDeviceTranslation;
  /**
   * Whether a widget runs at a peer now; every peer runs every widget unless told otherwise
   * (the playground's simulated peers do). In a call, the peers say which they run.
   */
  runsAt?: (peerId: string, widgetId: string) => boolean;
  /** Who opened a widget in the call, told to it when it starts. */
  openedBy?: (widgetId: string) => string | undefined;
  signal: AbortSignal;
}

/** Messages kept for a known widget that is not running yet (it is about to be opened). */
const MAX_HELD_PER_WIDGET = 1000;
/** Bytes kept for all such widgets together; the oldest go first past it. */
export const MAX_HELD_BYTES = 32 * 1024 * 1024;

/**
 * Runs widgets on this page and routes the network to them: each message goes to the running
 * instance of the widget it names.
 */
export class WidgetHost extends TypedEmitter<WidgetHostEvents> {
  private readonly known: Map<string, RunnableWidget>;
  private readonly running = new Map<string, { widget: RunningWidget; stop: AbortController }>();
  private readonly held = new Map<string, NetworkMessage[]>();
  private heldBytesNow = 0;
  private theme: Theme;

  constructor(private readonly options: WidgetHostOptions) {
    super();
    this.theme = options.theme ?? 'light';
    this.known = new Map(options.widgets.map((widget) => [widget.id, widget]));
    const { network, signal } = options;
    network.on('messageReceived', (message) => this.route(message), { signal });
    network.on(
      'peerJoined',
      (joined) => this.eachRunning((widget) => widget.peersChanged({ joined })),
      {
        signal,
      },
    );
    network.on('peerLeft', (left) => this.eachRunning((widget) => widget.peersChanged({ left })), {
      signal,
    });
  }

  /** Bytes of messages kept for widgets that are not running yet (never above MAX_HELD_BYTES). */
  get heldBytes(): number {
    return this.heldBytesNow;
  }

  /** Whether a running widget has the `stats` permission: sampling costs nothing otherwise. */
  wantsStats(): boolean {
    return [...this.running.keys()].some((id) => this.known.get(id)?.mayReadStats);
  }

  /** Hands call statistics to the running widgets with the `stats` permission, and no other. */
  publishStats(stats: PeerCallStats[]): void {
    for (const [id, { widget }] of this.running)
      if (this.known.get(id)?.mayReadStats) widget.post({ type: 'stats:sample', stats });
  }

  /**
   * Makes a widget known after the host started (one a peer offered and the person accepted,
   * or one added from the call), or another copy of one known: not while it runs.
   */
  add(widget: RunnableWidget): void {
    if (!this.running.has(widget.id)) this.known.set(widget.id, widget);
  }

  /**
   * Runs another copy of a running widget in its place (a widget in development, saved
   * again): the old frame goes, the new one starts as visible as it was and finds the same
   * storage, as a reloaded page would. Returns the new instance for the page to place.
   */
  reload(widget: RunnableWidget): RunningWidget | undefined {
    const visible = this.running.get(widget.id)?.widget.isVisible ?? false;
    this.stop(widget.id);
    this.known.set(widget.id, widget);
    return this.start(widget.id, visible);
  }

  isRunning(widgetId: string): boolean {
    return this.running.has(widgetId);
  }

  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** Starts a widget (once); its frame is returned for the page to place. */
  start(widgetId: string, visible: boolean): RunningWidget | undefined {
    const existing = this.running.get(widgetId);
    if (existing) return existing.widget;
    const entry = this.known.get(widgetId);
    if (!entry) return undefined;
    const stop = new AbortController();
    this.options.signal.addEventListener('abort', () => stop.abort(), { signal: stop.signal });
    const widget = new RunningWidget({
      ...entry,
      network: this.options.network,
      storage: this.options.storage,
      log: this.options.log,
      visible,
      theme: this.theme,
      language: this.options.language,
      budget: this.options.budget,
      ...(this.options.spoolStore ? { spoolStore: this.options.spoolStore } : {}),
      ...(this.options.translation ? { translation: this.options.translation } : {}),
      runsAt: (peerId) => this.options.runsAt?.(peerId, widgetId) ?? true,
      openedBy: () => this.options.openedBy?.(widgetId),
      onBadge: (count) => this.emit('badgeChanged', { widgetId, count }),
      onStarted: (started) => this.emit('startReported', { widgetId, started }),
      onFlood: () => {
        this.options.log.warn(`Unloaded widget "${widgetId}": it flooded the page with requests`);
        this.stop(widgetId);
        this.emit('widgetUnloaded', { widgetId });
      },
      signal: stop.signal,
    });
    this.running.set(widgetId, { widget, stop });
    this.emit('widgetStarted', { widgetId });
    for (const message of this.held.get(widgetId) ?? []) {
      this.heldBytesNow -= message.payload.byteLength;
      widget.deliver(message);
    }
    this.held.delete(widgetId);
    return widget;
  }

  private stop(widgetId: string): void {
    this.running.get(widgetId)?.stop.abort();
    this.running.delete(widgetId);
  }

  setVisible(widgetId: string, visible: boolean): void {
    this.running.get(widgetId)?.widget.setVisible(visible);
  }

  /** Which peers run which widget changed: every running widget gets its list of peers again. */
  availabilityChanged(): void {
    this.eachRunning((widget) => widget.peersChanged({}));
  }

  /** The call's colours changed: every running widget is told, and later ones start with it. */
  setTheme(theme: Theme): void {
    this.theme = theme;
    this.eachRunning((widget) => widget.setTheme(theme));
  }

  private route(message: NetworkMessage): void {
    // The call's own control messages travel beside the widgets' and are not for any widget.
    if (message.widgetId === CONTROL_CHANNEL_ID || message.widgetId === BUNDLE_CHANNEL_ID) return;
    const running = this.running.get(message.widgetId);
    if (running) return running.widget.deliver(message);
    if (!this.known.has(message.widgetId)) {
      this.options.log.warn(`Dropped a message for unknown widget "${message.widgetId}"`);
      return;
    }
    const held = this.held.get(message.widgetId) ?? [];
    if (held.length >= MAX_HELD_PER_WIDGET) this.heldBytesNow -= held.shift()!.payload.byteLength;
    held.push(message);
    this.held.set(message.widgetId, held);
    this.heldBytesNow += message.payload.byteLength;
    this.dropHeldPast(MAX_HELD_BYTES, held);
  }

  /**
   * Past `limit` bytes held, drops the oldest messages, first those waiting for the same widget
   * as the newest (a flood mostly evicts itself), then those of the others.
   */
  private dropHeldPast(limit: number, first: NetworkMessage[]): void {
    for (const queue of [first, ...this.held.values()]) {
      while (this.heldBytesNow > limit && queue.length > (queue === first ? 1 : 0))
        this.heldBytesNow -= queue.shift()!.payload.byteLength;
    }
  }

  private eachRunning(action: (widget: RunningWidget) => void): void {
    for (const { widget } of this.running.values()) action(widget);
  }
}

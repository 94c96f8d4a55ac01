import type { PeerControl } from '../../protocol/peer-control.js';
import type { PeerInfo } from '../../protocol/widget.js';
import type { Logger } from '../../shared/log.js';
import type { PeerControlChannel } from '../peer-control-channel.js';
import type { WidgetHost } from '../../widget-host/widget-host.js';
import type { WidgetNetwork } from '../../widget-host/widget-network.js';
import type { WidgetDock } from './widget-dock.js';
import type { WidgetPanel } from './widget-panel.js';
import { showOffer } from '../features/toasts.js';

export interface WidgetRoomOptions {
  host: WidgetHost;
  network: WidgetNetwork;
  control: PeerControlChannel;
  dock: WidgetDock;
  panel: WidgetPanel;
  titles: Map<string, string>;
  note: (text: string) => void;
  /** Where the focus goes when an offer it was on goes away. */
  focusAfterOffer: () => HTMLElement | null;
  log: Logger;
  signal: AbortSignal;
}

/**
 * Keeps the room's open widgets in step: opening a widget opens it for everyone (on screen, or
 * on offer for someone busy with another), a late joiner is told which widgets are open, and
 * closing is each person's own business (the widget keeps running hidden, so it still receives
 * what it needs and can badge the dock).
 */
export class WidgetRoom {
  /** Offers on screen, by widget: each entry takes its offer away. */
  private readonly offers = new Map<string, () => void>();

  constructor(private readonly options: WidgetRoomOptions) {
    const { host, network, control: channel, signal } = options;
    channel.on('widget:opened', ({ control, from }) => this.opened(control.widget, from), {
      signal,
    });
    channel.on('widget:listed', ({ control, from }) => this.listed(control.widgets, from), {
      signal,
    });
    host.on('badgeChanged', ({ widgetId, count }) => options.dock.setBadge(widgetId, count), {
      signal,
    });
    network.on('peerJoined', (peer) => this.tellOpenWidgets(peer), { signal });
  }

  /**
   * The dock button: shows the widget here, or hides it if it is the one on screen. The first
   * open also opens it for everyone.
   */
  press(widgetId: string): void {
    if (this.options.panel.isVisible(widgetId)) return this.options.panel.close(widgetId, true);
    const wasRunning = this.options.host.isRunning(widgetId);
    this.showHere(widgetId);
    if (!wasRunning) this.send({ type: 'widget:opened', widget: widgetId });
  }

  /** Shows a widget because this person asked: it takes the focus, and any offer of it goes. */
  private showHere(widgetId: string): void {
    this.offers.get(widgetId)?.();
    this.show(widgetId);
    this.options.panel.focus(widgetId);
  }

  private show(widgetId: string): void {
    const title = this.options.titles.get(widgetId);
    const widget = this.options.host.start(widgetId, true);
    if (!widget || title === undefined) return;
    this.options.panel.show(widgetId, title, widget.frame.element);
  }

  /** Someone opened a widget: it opens here too, on screen or on offer. */
  private opened(widgetId: string, from: PeerInfo): void {
    const title = this.options.titles.get(widgetId);
    if (title === undefined) return this.unknown(widgetId, from);
    this.arrived(widgetId, title, `${from.name} opened ${title}`);
  }

  /** The widgets open at a peer this person just reached: any not running here start. */
  private listed(widgetIds: string[], from: PeerInfo): void {
    for (const widgetId of widgetIds) {
      const title = this.options.titles.get(widgetId);
      if (title === undefined) this.unknown(widgetId, from);
      else if (!this.options.host.isRunning(widgetId))
        this.arrived(widgetId, title, `${from.name} has ${title} open`);
    }
  }

  /**
   * A widget a peer uses starts here too, so it is in step when this person looks. Someone
   * with no widget on screen sees it at once, as everyone sees a shared screen: it is what the
   * call is about now, and it covers nothing they were using. Someone using another widget
   * keeps it, and is offered the new one instead, and the dock marks it. It takes no focus.
   */
  private arrived(widgetId: string, title: string, text: string): void {
    if (this.options.panel.isVisible(widgetId)) return;
    if (!this.options.panel.hasShown()) {
      this.show(widgetId);
      this.options.note(text);
      return;
    }
    const widget = this.options.host.start(widgetId, false);
    if (!widget) return;
    this.options.panel.place(widgetId, title, widget.frame.element);
    this.options.dock.setOffered(widgetId, text);
    this.offers.get(widgetId)?.();
    const remove = showOffer(
      text,
      { label: 'Show', name: `Show ${title}`, run: () => this.showHere(widgetId) },
      this.options.focusAfterOffer,
    );
    this.offers.set(widgetId, () => {
      this.offers.delete(widgetId);
      remove();
    });
  }

  private unknown(widgetId: string, from: PeerInfo): void {
    this.options.note(`${from.name} uses a widget this browser does not have ("${widgetId}").`);
  }

  private tellOpenWidgets(peer: PeerInfo): void {
    const widgets = this.options.host.runningIds();
    if (widgets.length === 0) return;
    this.send({ type: 'widget:listed', widgets }, peer.id);
  }

  private send(control: PeerControl, to?: string): void {
    this.options.control
      .send(control, to)
      .catch((error: unknown) =>
        this.options.log.warn('Could not tell peers about widgets', error),
      );
  }
}

import type { PeerControl } from '../../protocol/peer-control.js';
import type { PeerInfo } from '../../protocol/widget.js';
import type { Logger } from '../../shared/log.js';
import type { PeerControlChannel } from '../peer-control-channel.js';
import type { WidgetHost } from '../../widget-host/widget-host.js';
import type { WidgetNetwork } from '../../widget-host/widget-network.js';
import type { WidgetDock } from './widget-dock.js';
import type { WidgetPanel } from './widget-panel.js';

export interface WidgetRoomOptions {
  host: WidgetHost;
  network: WidgetNetwork;
  control: PeerControlChannel;
  dock: WidgetDock;
  panel: WidgetPanel;
  titles: Map<string, string>;
  note: (text: string) => void;
  log: Logger;
  signal: AbortSignal;
}

/**
 * Keeps the room's open widgets in step: opening a widget opens it for everyone, a late joiner
 * is told which widgets are open, and closing is each person's own business (the widget keeps
 * running hidden, so it still receives what it needs and can badge the dock).
 */
export class WidgetRoom {
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

  /** The dock button: show the widget here; the first open also opens it for everyone. */
  open(widgetId: string): void {
    const wasRunning = this.options.host.isRunning(widgetId);
    this.show(widgetId);
    // The person who opened it goes straight into it; a widget a peer opens takes no focus.
    this.options.panel.focus(widgetId);
    if (!wasRunning) this.send({ type: 'widget:opened', widget: widgetId });
  }

  private show(widgetId: string): void {
    const title = this.options.titles.get(widgetId);
    const widget = this.options.host.start(widgetId, true);
    if (!widget || title === undefined) return;
    this.options.panel.show(widgetId, title, widget.frame.element);
    this.options.dock.setOpen(widgetId, true);
  }

  /** Someone opened a widget: it opens here too. */
  private opened(widgetId: string, from: PeerInfo): void {
    const title = this.options.titles.get(widgetId);
    if (title === undefined) return this.unknown(widgetId, from);
    this.show(widgetId);
    this.options.note(`${from.name} opened ${title}`);
  }

  /** The widgets open at a peer this person just reached: any not running here start. */
  private listed(widgetIds: string[], from: PeerInfo): void {
    for (const widgetId of widgetIds) {
      if (!this.options.titles.has(widgetId)) this.unknown(widgetId, from);
      else if (!this.options.host.isRunning(widgetId)) this.show(widgetId);
    }
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

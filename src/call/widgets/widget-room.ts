import type { PeerControl } from '../../protocol/peer-control.js';
import type { PeerInfo } from '../../protocol/widget.js';
import type { Logger } from '../../shared/log.js';
import type { PeerControlChannel } from '../peer-control-channel.js';
import type { WidgetHost } from '../../widget-host/widget-host.js';
import type { WidgetNetwork } from '../../widget-host/widget-network.js';
import type { WidgetDock } from './widget-dock.js';
import type { WidgetPanel } from './widget-panel.js';
import { showOffer } from '../features/toasts.js';
import type { PackedWidget } from '../../widget-host/bundles/installed-widgets.js';
import { askConsent, askConsentToWebApp } from './widget-consent-card.js';
import type { WebAppDescription, WidgetDescription, WidgetOffers } from './widget-offers.js';
import type { WidgetAvailability } from './widget-availability.js';
import { t } from '../../shared/i18n.js';

export interface WidgetRoomOptions {
  host: WidgetHost;
  network: WidgetNetwork;
  control: PeerControlChannel;
  dock: WidgetDock;
  panel: WidgetPanel;
  titles: Map<string, string>;
  /** Packed widgets travelling between the people in the call, with their consent. */
  offers: WidgetOffers;
  /** Which widgets run at each peer, kept from what they say here. */
  availability: WidgetAvailability;
  /** Makes a widget this person accepted from a peer runnable here (and kept, if `always`). */
  accept: (widget: PackedWidget, from: string, always: boolean) => void;
  /** The same for a web app: framed from its site (and kept, if `always`). */
  acceptWebApp: (app: WebAppDescription, always: boolean) => void;
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
  /** Widgets whose consent card is up, or which are on their way here. */
  private readonly asking = new Set<string>();

  constructor(private readonly options: WidgetRoomOptions) {
    const { host, network, control: channel, signal } = options;
    const { availability } = options;
    channel.on(
      'widget:opened',
      ({ control, from }) => {
        availability.opened(from.id, control.widget);
        availability.noteOpener(control.widget, from.id);
        this.opened(control.widget, from);
      },
      { signal },
    );
    channel.on(
      'widget:listed',
      ({ control, from }) => {
        availability.runningAt(from.id, control.widgets);
        for (const widgetId of control.widgets)
          availability.noteOpener(widgetId, control.openers?.[widgetId] ?? from.id);
        this.listed(control.widgets, from);
      },
      { signal },
    );
    channel.on(
      'widget:running',
      ({ control, from }) => availability.runningAt(from.id, control.widgets),
      { signal },
    );
    network.on('peerLeft', (peer) => availability.left(peer.id), { signal });
    // Whenever the widgets running here change, everyone hears which they are now.
    const tellRunning = () => this.send({ type: 'widget:running', widgets: host.runningIds() });
    host.on('widgetStarted', tellRunning, { signal });
    host.on('widgetUnloaded', tellRunning, { signal });
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
    if (!wasRunning) this.options.availability.noteOpener(widgetId, this.options.network.self.id);
    this.showHere(widgetId);
    if (wasRunning) return;
    // A packed widget is described first, so that those without it can be asked.
    this.describe(widgetId);
    this.send({ type: 'widget:opened', widget: widgetId });
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
    if (title === undefined || this.differs(widgetId, from)) return this.unknown(widgetId, from);
    this.arrived(widgetId, title, `${from.name} opened ${title}`);
  }

  /**
   * Whether `from` described another copy of a widget this person has (another version or
   * hash) that is not running here yet: different code under the same id is asked about too.
   */
  private differs(widgetId: string, from: PeerInfo): boolean {
    return (
      !this.options.host.isRunning(widgetId) &&
      this.options.offers.offerFrom(widgetId, from.id) !== undefined
    );
  }

  /** The widgets open at a peer this person just reached: any not running here start. */
  private listed(widgetIds: string[], from: PeerInfo): void {
    for (const widgetId of widgetIds) {
      const title = this.options.titles.get(widgetId);
      if (title === undefined || this.differs(widgetId, from)) this.unknown(widgetId, from);
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
      {
        label: t('room_show'),
        name: t('room_show_named', title),
        run: () => this.showHere(widgetId),
      },
      this.options.focusAfterOffer,
    );
    this.offers.set(widgetId, () => {
      this.offers.delete(widgetId);
      remove();
    });
  }

  private unknown(widgetId: string, from: PeerInfo): void {
    if (this.asking.has(widgetId)) return;
    const webApp = this.options.offers.webAppFrom(widgetId, from.id);
    if (webApp) return this.askAboutWebApp(webApp, from);
    const offered = this.options.offers.offerFrom(widgetId, from.id);
    if (!offered) {
      this.options.note(t('room_missing_widget', from.name, widgetId));
      return;
    }
    this.asking.add(widgetId);
    void askConsent(
      offered,
      from.name,
      this.options.offers.ownVersion(widgetId),
      this.options.focusAfterOffer,
      this.options.signal,
    )
      .then(async (answer) => {
        if (answer !== 'no') return this.take(offered, from, answer === 'always');
        this.options.offers.decline(widgetId);
        this.options.note(t('room_said_no', `${offered.title} ${offered.version}`, from.name));
      })
      .finally(() => this.asking.delete(widgetId));
  }

  private askAboutWebApp(app: WebAppDescription, from: PeerInfo): void {
    this.asking.add(app.widget);
    void askConsentToWebApp(app, from.name, this.options.focusAfterOffer, this.options.signal)
      .then((answer) => {
        if (answer === 'no') {
          this.options.offers.decline(app.widget);
          this.options.note(t('room_said_no', app.title, from.name));
          return;
        }
        this.options.acceptWebApp(app, answer === 'always');
        this.options.titles.set(app.widget, app.title);
        this.showHere(app.widget);
      })
      .finally(() => this.asking.delete(app.widget));
  }

  /** This person accepted: the widget comes from `from`, checked, and opens here. */
  private async take(offered: WidgetDescription, from: PeerInfo, always: boolean): Promise<void> {
    this.options.note(t('room_getting', offered.title, from.name));
    const fetched = await this.options.offers.fetch(offered, from.id);
    if (this.options.signal.aborted) return;
    if (!fetched.ok) {
      this.options.note(t('room_not_opened', offered.title, fetched.reason));
      return;
    }
    this.options.offers.keep(fetched.value);
    this.options.accept(fetched.value, from.name, always);
    this.options.titles.set(offered.widget, fetched.value.entry.title);
    this.options.note(t('room_opened', offered.title, from.name));
    this.showHere(offered.widget);
  }

  private tellOpenWidgets(peer: PeerInfo): void {
    const widgets = this.options.host.runningIds();
    if (widgets.length === 0) return;
    for (const widgetId of widgets) this.describe(widgetId, peer.id);
    const openers: Record<string, string> = {};
    for (const widgetId of widgets) {
      const opener = this.options.availability.openedBy(widgetId);
      if (opener) openers[widgetId] = opener;
    }
    this.send({ type: 'widget:listed', widgets, openers }, peer.id);
  }

  private describe(widgetId: string, to?: string): void {
    this.options.offers
      .describe(widgetId, to)
      .catch((error: unknown) => this.options.log.warn('Could not describe a widget', error));
  }

  private send(control: PeerControl, to?: string): void {
    this.options.control
      .send(control, to)
      .catch((error: unknown) =>
        this.options.log.warn('Could not tell peers about widgets', error),
      );
  }
}

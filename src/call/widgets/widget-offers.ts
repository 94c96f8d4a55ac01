import { BUNDLE_CHANNEL_ID, type PeerControl } from '../../protocol/peer-control.js';
import { accepted, refused, type Parsed } from '../../protocol/parsed.js';
import type { Logger } from '../../shared/log.js';
import type { PackedWidget } from '../../widget-host/bundles/installed-widgets.js';
import { readBundle } from '../../widget-host/bundles/read-bundle.js';
import type { WidgetNetwork } from '../../widget-host/widget-network.js';
import type { PeerControlChannel } from '../peer-control-channel.js';
import { t } from '../../shared/i18n.js';

/** What a peer says one of its widgets is: shown on the consent card, checked on arrival. */
export type WidgetDescription = Omit<Extract<PeerControl, { type: 'widget:described' }>, 'type'>;
/** What a peer says one of its web apps is: the card shows the site, which is what one trusts. */
export type WebAppDescription = Omit<
  Extract<PeerControl, { type: 'widget:described-webapp' }>,
  'type'
>;

/** How long an accepted widget may take to arrive before the person is told it did not. */
const ARRIVAL_MS = 60_000;

interface Waiting {
  sha256: string;
  arrived: (bytes: Uint8Array) => void;
  failed: (reason: string) => void;
}

/**
 * Packed widgets travelling between the people in a call. This person's own (added in
 * Settings, or accepted from someone) are described to the others before they open; a peer's
 * description is kept so that a widget this person lacks can be offered; and on Accept the
 * bytes come from that peer alone, asked for once, on a channel of their own, and are checked
 * against the SHA-256 it announced before anything runs. Bytes nobody asked for are dropped.
 */
export class WidgetOffers {
  private readonly mine = new Map<string, PackedWidget>();
  private readonly myWebApps = new Map<string, WebAppDescription>();
  private readonly describedWebApps = new Map<string, WebAppDescription>();
  private readonly described = new Map<string, WidgetDescription>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly declined = new Set<string>();
  /** Who has been sent which widget: each once a call, so asking again cannot drain the uplink. */
  private readonly sent = new Set<string>();

  constructor(
    private readonly options: {
      network: WidgetNetwork;
      control: PeerControlChannel;
      /** Built-in widgets are never taken from a peer, whatever it says. */
      builtIn: ReadonlySet<string>;
      log: Logger;
      signal: AbortSignal;
    },
  ) {
    const { network, control, signal } = options;
    control.on(
      'widget:described',
      ({ control: { widget, title, author, version, sha256, size }, from }) => {
        if (!options.builtIn.has(widget))
          this.described.set(keyOf(from.id, widget), {
            widget,
            title,
            author,
            version,
            sha256,
            size,
          });
      },
      { signal },
    );
    control.on(
      'widget:described-webapp',
      ({ control: { widget, title, url }, from }) => {
        if (!options.builtIn.has(widget))
          this.describedWebApps.set(keyOf(from.id, widget), { widget, title, url });
      },
      { signal },
    );
    control.on('widget:bundle-asked', ({ control, from }) => this.send(control.sha256, from.id), {
      signal,
    });
    network.on(
      'messageReceived',
      ({ widgetId, from, payload }) => {
        if (widgetId === BUNDLE_CHANNEL_ID) this.arrived(from.id, payload);
      },
      { signal },
    );
    network.on(
      'peerLeft',
      (peer) => {
        for (const map of [this.described, this.describedWebApps])
          for (const key of map.keys()) if (key.startsWith(`${peer.id} `)) map.delete(key);
        this.waiting.get(peer.id)?.failed(t('offer_left', peer.name));
      },
      { signal },
    );
  }

  /** A packed widget this person has: described to peers, and sent to those who accept it. */
  keep(widget: PackedWidget): void {
    this.mine.set(widget.entry.id, widget);
  }

  /** A web app this person added by its address: described to peers like a packed widget. */
  keepWebApp(app: WebAppDescription): void {
    this.myWebApps.set(app.widget, app);
  }

  /** Tells one peer, or everyone, what this person's packed widget is, before opening it. */
  async describe(widgetId: string, to?: string): Promise<void> {
    const app = this.myWebApps.get(widgetId);
    if (app) {
      await this.options.control.send({ type: 'widget:described-webapp', ...app }, to);
      return;
    }
    const widget = this.mine.get(widgetId);
    if (!widget) return;
    const { entry, sha256, size } = widget;
    await this.options.control.send(
      {
        type: 'widget:described',
        widget: entry.id,
        title: entry.title,
        author: entry.author,
        version: entry.version,
        sha256,
        size,
      },
      to,
    );
  }

  /** What `peerId` said its widget is, when this person lacks that exact one and did not say No. */
  offerFrom(widgetId: string, peerId: string): WidgetDescription | undefined {
    if (this.declined.has(widgetId)) return undefined;
    const description = this.described.get(keyOf(peerId, widgetId));
    if (!description || this.mine.get(widgetId)?.sha256 === description.sha256) return undefined;
    return description;
  }

  /** The web app `peerId` described, when this person lacks it and did not say No. */
  webAppFrom(widgetId: string, peerId: string): WebAppDescription | undefined {
    if (this.declined.has(widgetId) || this.myWebApps.has(widgetId)) return undefined;
    return this.describedWebApps.get(keyOf(peerId, widgetId));
  }

  /** The version of this person's own copy of a packed widget, if they have one. */
  ownVersion(widgetId: string): string | undefined {
    return this.mine.get(widgetId)?.entry.version;
  }

  /** This person said No: the widget is not offered again in this call. */
  decline(widgetId: string): void {
    this.declined.add(widgetId);
  }

  /** Asks `peerId` for the widget it described, and checks what comes against its hash. */
  async fetch(description: WidgetDescription, peerId: string): Promise<Parsed<PackedWidget>> {
    if (this.waiting.has(peerId)) return refused(t('offer_busy'));
    const bytes = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => failed(t('offer_too_slow')), ARRIVAL_MS);
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(peerId);
      };
      const failed = (reason: string) => {
        done();
        reject(new Error(reason));
      };
      this.waiting.set(peerId, {
        sha256: description.sha256,
        arrived: (received) => {
          done();
          resolve(received);
        },
        failed,
      });
    });
    try {
      await this.options.control.send(
        { type: 'widget:bundle-asked', sha256: description.sha256 },
        peerId,
      );
      const received = await bytes;
      const read = await readBundle(received, description.sha256);
      if (!read.ok) return read;
      if (read.value.entry.id !== description.widget)
        return refused(
          `BUNDLE_MISMATCH: it is "${read.value.entry.id}", not the "${description.widget}" announced`,
        );
      return accepted({ ...read.value, bytes: received });
    } catch (error) {
      this.waiting.get(peerId)?.failed(t('offer_not_sent'));
      return refused(error instanceof Error ? error.message : String(error));
    }
  }

  private send(sha256: string, peerId: string): void {
    const widget = [...this.mine.values()].find((each) => each.sha256 === sha256);
    if (!widget) return;
    // Up to 10 MiB a time, so a peer gets each widget once: a modified client asking five times
    // a second would otherwise make this person upload 50 MiB a second.
    const once = keyOf(peerId, sha256);
    if (this.sent.has(once))
      return this.options.log.warn(`Did not send a widget ${peerId} had already been sent`);
    this.sent.add(once);
    this.options.network
      .send(BUNDLE_CHANNEL_ID, 'bytes', widget.bytes, peerId)
      .catch((error: unknown) => this.options.log.warn('Could not send a widget', error));
  }

  private arrived(peerId: string, bytes: Uint8Array): void {
    const waiting = this.waiting.get(peerId);
    if (!waiting) return this.options.log.warn(`Dropped widget bytes ${peerId} sent unasked`);
    waiting.arrived(bytes);
  }
}

const keyOf = (peerId: string, widgetId: string) => `${peerId} ${widgetId}`;

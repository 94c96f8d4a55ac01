import { platform } from '../../platform/current.js';
import { onSystemThemeChanged, systemTheme } from '../../shared/system-theme.js';
import { frameUrl, loadRegistry } from '../../widget-host/load-registry.js';
import {
  WEB_APP_ICON,
  frameForBundle,
  frameForWebApp,
  keepForLater,
  keepWebAppForLater,
  loadInstalledWidgets,
  loadWebApps,
} from './installed-widget-frames.js';
import { WidgetOffers, type WebAppDescription } from './widget-offers.js';
import { whyNotStarted } from './why-not-started.js';
import { wireAddWidget } from './add-widget.js';
import { wireDevWidget } from './dev-widget.js';
import type { PackedWidget } from '../../widget-host/bundles/installed-widgets.js';
import { RoomWidgetStorage } from '../../widget-host/room-widget-storage.js';
import { builtInAi } from '../../widget-host/translation/built-in-ai.js';
import { OnDeviceTranslation } from '../../widget-host/translation/on-device-translation.js';
import { opfsSpoolStore } from '../../widget-host/spool/opfs-spool-store.js';
import { WidgetHost } from '../../widget-host/widget-host.js';
import type { CallContext } from '../call-context.js';
import { startStatsSampler } from './stats-sampler.js';
import { WidgetDock } from './widget-dock.js';
import { WidgetPanel } from './widget-panel.js';
import { WidgetRoom } from './widget-room.js';
import { WidgetAvailability } from './widget-availability.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';
import { currentLanguage } from '../../shared/i18n.js';
import { withLocalTitle } from './built-in-titles.js';

export const title: MessageKey = 'feature_widget_platform';

/** Reads the stored widgets while the person is still in the pre-join (see CallFeature). */
export function prepare(): void {
  stored ??= loadStoredWidgets();
  // A failure is start's to report, as the feature failing; not an unhandled rejection before.
  stored.catch(() => undefined);
}

let stored: ReturnType<typeof loadStoredWidgets> | undefined;

// The registry, the widgets the person added and their web apps, read at once and together;
// what was skipped is said once the page can show it.
async function loadStoredWidgets() {
  const base = new URL('/', location.href);
  // Only pages the shell sandboxes may be framed as widgets: any other page of the extension
  // would run with its powers.
  const sandboxed = platform.sandboxedWidgetPages();
  const skipped: { builtIn: string[]; installed: string[] } = { builtIn: [], installed: [] };
  const [registry, packed, webApps] = await Promise.all([
    loadRegistry(base, sandboxed === 'every-packaged-page' ? {} : { sandboxedPages: sandboxed }),
    // Widgets the person added (Settings → Your widgets) run from the runner page, fed their files.
    loadInstalledWidgets((problem) => skipped.installed.push(problem)),
    loadWebApps(),
  ]);
  skipped.builtIn.push(...registry.errors);
  return { base, registry, packed, webApps, skipped };
}

/**
 * Wires the widget platform into the call page: the registry, the dock, the panel and the host
 * that runs widgets over the call's data channels. Runs before the call starts so no widget
 * message from a fast peer arrives before anyone listens.
 */
export async function start(ctx: CallContext, signal: AbortSignal): Promise<void> {
  const { session, network, control, log } = ctx;
  const note = (text: string) => {
    document.querySelector('#widget-note')!.textContent = text;
  };
  const { base, registry, packed, webApps, skipped } = await (stored ??= loadStoredWidgets());
  const builtInEntries = registry.entries.map(withLocalTitle);
  if (skipped.builtIn.length > 0) {
    log.warn('Some widgets were skipped', skipped.builtIn);
    note(t('platform_skipped_builtin', skipped.builtIn.join('; ')));
  }
  for (const problem of skipped.installed) {
    log.warn('An installed widget was skipped', problem);
    note(t('platform_skipped_installed', problem));
  }
  const installed = [
    ...packed.map((bundle) => frameForBundle(bundle, base)),
    ...webApps.map((app) => frameForWebApp({ widget: app.id, title: app.title, url: app.url })),
  ];
  const entries = [...builtInEntries, ...installed.map(({ entry }) => entry)];
  // Which widgets each peer runs, from what they say: each widget's peers() tells it.
  const availability = new WidgetAvailability(() => host.availabilityChanged());
  const host = new WidgetHost({
    widgets: [
      ...builtInEntries.map((entry) => ({
        id: entry.id,
        title: entry.title,
        url: frameUrl(entry, base),
        mayDownload: entry.permissions.includes('downloads'),
        mayReadStats: entry.permissions.includes('stats'),
        mayTranslate: entry.permissions.includes('translate'),
      })),
      ...installed.map(({ runnable }) => runnable),
    ],
    network,
    storage: new RoomWidgetStorage(platform.local, ctx.room),
    runsAt: (peerId, widgetId) => availability.runs(peerId, widgetId),
    openedBy: (widgetId) => availability.openedBy(widgetId),
    theme: systemTheme(),
    language: currentLanguage(),
    // Large files received in a call go to disk as they arrive (the Files widget).
    spoolStore: opfsSpoolStore(),
    // Chat's translation, by the browser's own models where it has them.
    translation: new OnDeviceTranslation(builtInAi()),
    log,
    signal,
  });
  // Widgets match the call's colours: the SDK tells them, and tells them again on a change.
  onSystemThemeChanged((theme) => host.setTheme(theme), signal);
  startStatsSampler(
    session,
    () => host.wantsStats(),
    (stats) => host.publishStats(stats),
    signal,
  );
  const widgetsButton = () => document.querySelector<HTMLElement>('#widgets-button');
  const dock = new WidgetDock(
    document.querySelector<HTMLElement>('#widget-dock')!,
    widgetsButton()!,
    (widgetId) => room.press(widgetId),
    signal,
  );
  // An icon on another site is fetched only once its widget runs (its frame has told that site
  // of this person by then): at load it would tell it of everyone in every call.
  const remoteIcons = new Map<string, string>();
  dock.show([
    ...builtInEntries.map((entry) => {
      const iconUrl = new URL(entry.icon, base).toString();
      if (!/^https:/.test(iconUrl)) return { id: entry.id, title: entry.title, iconUrl };
      remoteIcons.set(entry.id, iconUrl);
      return { id: entry.id, title: entry.title, iconUrl: WEB_APP_ICON };
    }),
    ...installed.map(({ entry, iconUrl }) => ({ id: entry.id, title: entry.title, iconUrl })),
  ]);
  // The dock opens widgets once the server has admitted this person: a widget started before
  // then would be told it has no id, and what it sent in its name would be refused by every
  // peer. It is built now all the same: building it as the call connects cost the join time.
  if (network.self.id === '') {
    dock.setEnabled(false);
    const admitted = new AbortController();
    session.on(
      'stateChanged',
      (state) => {
        if (state.kind !== 'in-call') return;
        admitted.abort();
        dock.setEnabled(true);
      },
      { signal: AbortSignal.any([signal, admitted.signal]) },
    );
  }
  // Leaving takes the widgets' frames away; their panel and dock go with them.
  signal.addEventListener('abort', () => {
    document.querySelector<HTMLElement>('#widget-panel')!.hidden = true;
    document.querySelector<HTMLElement>('#widget-dock')!.hidden = true;
  });
  const panel = new WidgetPanel(
    document.querySelector<HTMLElement>('#widget-panel')!,
    (widgetId, visible) => {
      host.setVisible(widgetId, visible);
      dock.setExpanded(widgetId, visible);
    },
    signal,
    widgetsButton,
  );
  host.on(
    'widgetUnloaded',
    ({ widgetId }) => {
      panel.close(widgetId);
      const title = entries.find((entry) => entry.id === widgetId)?.title ?? widgetId;
      note(t('platform_flooded', title));
    },
    { signal },
  );
  host.on(
    'widgetStarted',
    ({ widgetId }) => {
      const icon = remoteIcons.get(widgetId);
      if (icon === undefined) return;
      remoteIcons.delete(widgetId);
      dock.setIcon(widgetId, icon);
    },
    { signal },
  );
  host.on(
    'startReported',
    ({ widgetId, started }) => {
      const entry = entries.findLast((each) => each.id === widgetId);
      if (started || !entry) return panel.setProblem(widgetId, undefined);
      void whyNotStarted(entry.title, entry.page, platform.reachesOtherOrigins).then((why) => {
        log.warn(why);
        panel.setProblem(widgetId, why);
      });
    },
    { signal },
  );
  const builtIn = new Set(builtInEntries.map((entry) => entry.id));
  const offers = new WidgetOffers({ network, control, builtIn, log, signal });
  for (const widget of packed) offers.keep(widget);
  for (const app of webApps) offers.keepWebApp({ widget: app.id, title: app.title, url: app.url });
  const titles = new Map(entries.map((entry) => [entry.id, entry.title]));
  // A widget that arrived after the call page started: accepted from a peer, or added.
  const makeRunnable = (widget: PackedWidget | WebAppDescription): void => {
    const frame = 'widget' in widget ? frameForWebApp(widget) : frameForBundle(widget, base);
    host.add(frame.runnable);
    // Another copy of a widget on the dock keeps its button.
    if (!titles.has(frame.entry.id))
      dock.show([{ id: frame.entry.id, title: frame.entry.title, iconUrl: frame.iconUrl }]);
    entries.push(frame.entry);
    titles.set(frame.entry.id, frame.entry.title);
  };
  wireAddWidget(dock, {
    builtIn,
    added: (widget) => {
      makeRunnable(widget);
      offers.keep(widget);
      room.press(widget.entry.id);
    },
    addedWebApp: ({ id, title, url }) => {
      const app = { widget: id, title, url };
      makeRunnable(app);
      offers.keepWebApp(app);
      room.press(id);
    },
    note,
    signal,
  });
  if (platform.reachesOtherOrigins)
    wireDevWidget(dock, {
      builtIn,
      loaded: (widget) => {
        offers.keep(widget);
        if (!host.isRunning(widget.entry.id)) {
          makeRunnable(widget);
          room.press(widget.entry.id);
          return;
        }
        // Saved again: the new copy takes the old one's place, tab and storage.
        const { runnable, iconUrl } = frameForBundle(widget, base);
        URL.revokeObjectURL(iconUrl);
        const running = host.reload(runnable);
        if (running) panel.replaceFrame(widget.entry.id, running.frame.element);
      },
      note,
      settings: platform.local,
      signal,
    });
  const room = new WidgetRoom({
    host,
    network,
    control,
    dock,
    panel,
    titles,
    offers,
    availability,
    accept: (widget, from, always) => {
      makeRunnable(widget);
      // "Always allow": kept like a widget added in Settings, its source the person it came from.
      if (always)
        void keepForLater(widget, `${from} in a call`, builtIn).then((kept) => {
          if (kept) note(kept);
        });
    },
    acceptWebApp: (app, always) => {
      makeRunnable(app);
      offers.keepWebApp(app);
      if (always)
        void keepWebAppForLater(app).then((kept) => {
          if (kept) note(kept);
        });
    },
    note,
    focusAfterOffer: widgetsButton,
    log,
    signal,
  });
}

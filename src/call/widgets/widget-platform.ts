import type { CallSession } from '../../session/call-session.js';
import { browser } from '../../shared/browser.js';
import type { Logger } from '../../shared/log.js';
import { frameUrl, loadRegistry } from '../../widget-host/load-registry.js';
import { RoomWidgetStorage } from '../../widget-host/room-widget-storage.js';
import { WidgetHost } from '../../widget-host/widget-host.js';
import { CallWidgetNetwork } from './call-widget-network.js';
import { startStatsSampler } from './stats-sampler.js';
import { WidgetDock } from './widget-dock.js';
import { WidgetPanel } from './widget-panel.js';
import { WidgetRoom } from './widget-room.js';

export interface WidgetPlatformOptions {
  session: CallSession;
  room: string;
  name: string;
  log: Logger;
  signal: AbortSignal;
}

/**
 * Wires the widget platform into the call page: the registry, the dock, the panel and the host
 * that runs widgets over the call's data channels. Runs before the call starts so no widget
 * message from a fast peer arrives before anyone listens.
 */
export async function startWidgetPlatform(
  options: WidgetPlatformOptions,
): Promise<{ host: WidgetHost; network: CallWidgetNetwork }> {
  const { session, log, signal } = options;
  const base = new URL('/', location.href);
  const note = (text: string) => {
    document.querySelector('#widget-note')!.textContent = text;
  };
  // Only pages the manifest sandboxes may be framed as widgets: any other page of the extension
  // would run with its powers.
  const { sandbox } = browser.runtime.getManifest() as { sandbox?: { pages?: string[] } };
  const registry = await loadRegistry(base, { sandboxedPages: new Set(sandbox?.pages ?? []) });
  if (registry.errors.length > 0) {
    log.warn('Some widgets were skipped', registry.errors);
    note(`Skipped ${registry.errors.length} widget problem(s): ${registry.errors.join('; ')}`);
  }
  // Who this person is for their widgets: the id the server gave them, kept through a lost
  // server ('reconnecting'), when the call goes on under the same id. A widget frame that
  // (re)connected then was told an empty id, and the lines it sent were refused as forged.
  let selfId = session.state.kind === 'in-call' ? session.state.selfId : '';
  session.on(
    'stateChanged',
    (state) => {
      if (state.kind === 'in-call') selfId = state.selfId;
    },
    { signal },
  );
  const network = new CallWidgetNetwork(
    session,
    () => ({ id: selfId, name: options.name }),
    log,
    signal,
  );
  const host = new WidgetHost({
    widgets: registry.entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      url: frameUrl(entry, base),
      mayDownload: entry.permissions.includes('downloads'),
      mayReadStats: entry.permissions.includes('stats'),
    })),
    network,
    storage: new RoomWidgetStorage(
      {
        get: async (key) => (await browser.storage.local.get(key))[key],
        set: (key, value) => browser.storage.local.set({ [key]: value }),
        remove: (key) => browser.storage.local.remove(key),
      },
      options.room,
    ),
    log,
    signal,
  });
  startStatsSampler(
    session,
    () => host.wantsStats(),
    (stats) => host.publishStats(stats),
    signal,
  );
  const dock = new WidgetDock(
    document.querySelector<HTMLElement>('#widget-dock')!,
    (widgetId) => room.open(widgetId),
    signal,
  );
  dock.show(
    registry.entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      iconUrl: new URL(entry.icon, base).toString(),
    })),
  );
  // Leaving takes the widgets' frames away; their panel and dock go with them.
  signal.addEventListener('abort', () => {
    document.querySelector<HTMLElement>('#widget-panel')!.hidden = true;
    document.querySelector<HTMLElement>('#widget-dock')!.hidden = true;
  });
  const panel = new WidgetPanel(
    document.querySelector<HTMLElement>('#widget-panel')!,
    (widgetId, visible) => host.setVisible(widgetId, visible),
    signal,
  );
  host.on(
    'widgetUnloaded',
    ({ widgetId }) => {
      panel.close(widgetId);
      const title = registry.entries.find((entry) => entry.id === widgetId)?.title ?? widgetId;
      note(`${title} was closed: it sent this page far more requests than a widget needs.`);
    },
    { signal },
  );
  const room = new WidgetRoom({
    host,
    network,
    dock,
    panel,
    titles: new Map(registry.entries.map((entry) => [entry.id, entry.title])),
    note,
    log,
    signal,
  });
  return { host, network };
}

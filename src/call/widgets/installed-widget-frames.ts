import {
  InstalledWidgets,
  type InstalledWebApp,
  type PackedWidget,
} from '../../widget-host/bundles/installed-widgets.js';
import type { WidgetBundle } from '../../widget-host/bundles/read-bundle.js';
import type { WidgetEntry } from '../../protocol/widget-manifest.js';
import { RUNNER_PAGE } from '../../widget-host/runner/runner-page.js';
import type { RunnableWidget } from '../../widget-host/widget-host.js';
import { t } from '../../shared/i18n.js';

export interface PackedWidgetFrame {
  entry: WidgetEntry;
  runnable: RunnableWidget;
  /** The widget's own icon, from its files. */
  iconUrl: string;
}

const ICON_TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png' };

/** A packed widget, ready to run: framed as the runner page and handed its checked files. */
export function frameForBundle({ entry, files }: WidgetBundle, base: URL): PackedWidgetFrame {
  const icon = files.get(entry.icon) as Uint8Array<ArrayBuffer>;
  const type = ICON_TYPES[entry.icon.split('.').pop() ?? ''] ?? 'application/octet-stream';
  return {
    entry,
    iconUrl: URL.createObjectURL(new Blob([icon], { type })),
    runnable: {
      id: entry.id,
      title: entry.title,
      url: new URL(RUNNER_PAGE, base).toString(),
      mayDownload: entry.permissions.includes('downloads'),
      mayReadStats: entry.permissions.includes('stats'),
      mayTranslate: entry.permissions.includes('translate'),
      bundle: files,
    },
  };
}

/**
 * The widgets this person added, checked again as they load. A store that cannot be opened (a
 * browser that denies this page IndexedDB) means no added widgets, said once; the built-in
 * ones still run.
 */
export async function loadInstalledWidgets(
  skipped: (problem: string) => void,
): Promise<PackedWidget[]> {
  try {
    const loaded = await (await InstalledWidgets.open()).load();
    for (const problem of loaded.errors) skipped(problem);
    return loaded.bundles;
  } catch (error) {
    skipped(t('installed_not_read', String(error)));
    return [];
  }
}

/**
 * Keeps a widget accepted from a peer with "Always allow", as if added in Settings. Returns
 * what to tell the person when that failed (the call goes on with the widget either way).
 */
export async function keepForLater(
  widget: PackedWidget,
  source: string,
  builtIn: ReadonlySet<string>,
): Promise<string | undefined> {
  try {
    const kept = await (await InstalledWidgets.open()).add(widget.bytes, source, builtIn);
    return kept.ok ? undefined : t('installed_not_kept', widget.entry.title, kept.reason);
  } catch (error) {
    return t('installed_not_kept', widget.entry.title, String(error));
  }
}

// A web app's dock icon: a globe, drawn here, since loading the site's own would tell it who
// is in a call before anyone opened it.
export const WEB_APP_ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#64748b" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20"/></svg>',
)}`;

/** A web app added by its address (or accepted from a peer), ready to frame from its site. */
export function frameForWebApp(app: {
  widget: string;
  title: string;
  url: string;
}): PackedWidgetFrame {
  const origin = new URL(app.url).origin;
  return {
    entry: {
      id: app.widget,
      type: 'webapp',
      title: app.title,
      icon: WEB_APP_ICON,
      url: app.url,
      version: '1.0.0',
      description: t('installed_webapp_at', origin),
      author: origin,
      permissions: [],
      page: { kind: 'web', url: app.url },
    },
    iconUrl: WEB_APP_ICON,
    runnable: { id: app.widget, title: app.title, url: app.url },
  };
}

/** The web apps this person added by their address; none when the store cannot be read. */
export async function loadWebApps(): Promise<InstalledWebApp[]> {
  try {
    return await (await InstalledWidgets.open()).listWebApps();
  } catch {
    return []; // said once already, by loadInstalledWidgets
  }
}

/** Keeps a web app accepted from a peer with "Always allow"; returns what failed, if anything. */
export async function keepWebAppForLater(app: {
  title: string;
  url: string;
}): Promise<string | undefined> {
  try {
    const kept = await (await InstalledWidgets.open()).addWebApp(app.url, app.title);
    return kept.ok ? undefined : t('installed_not_kept', app.title, kept.reason);
  } catch (error) {
    return t('installed_not_kept', app.title, String(error));
  }
}

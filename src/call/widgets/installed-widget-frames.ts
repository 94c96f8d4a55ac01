import { InstalledWidgets } from '../../widget-host/bundles/installed-widgets.js';
import type { WidgetEntry } from '../../protocol/widget-manifest.js';
import { RUNNER_PAGE } from '../../widget-host/runner/runner-page.js';
import type { RunnableWidget } from '../../widget-host/widget-host.js';

export interface InstalledWidgetFrame {
  entry: WidgetEntry;
  runnable: RunnableWidget;
  /** The widget's own icon, from its files. */
  iconUrl: string;
}

const ICON_TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png' };

/**
 * The widgets this person added, ready to run: each is framed as the runner page and handed
 * its files, checked again as they load. A store that cannot be opened (a browser that denies
 * this page IndexedDB) means no added widgets, said once; the built-in ones still run.
 */
export async function loadInstalledWidgets(
  base: URL,
  skipped: (problem: string) => void,
): Promise<InstalledWidgetFrame[]> {
  let loaded: Awaited<ReturnType<InstalledWidgets['load']>>;
  try {
    loaded = await (await InstalledWidgets.open()).load();
  } catch (error) {
    skipped(`your added widgets could not be read (${String(error)})`);
    return [];
  }
  for (const problem of loaded.errors) skipped(problem);
  return loaded.bundles.map(({ entry, files }) => {
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
        bundle: files,
      },
    };
  });
}

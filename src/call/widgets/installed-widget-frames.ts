import {
  InstalledWidgets,
  type PackedWidget,
} from '../../widget-host/bundles/installed-widgets.js';
import type { WidgetBundle } from '../../widget-host/bundles/read-bundle.js';
import type { WidgetEntry } from '../../protocol/widget-manifest.js';
import { RUNNER_PAGE } from '../../widget-host/runner/runner-page.js';
import type { RunnableWidget } from '../../widget-host/widget-host.js';

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
    skipped(`your added widgets could not be read (${String(error)})`);
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
    return kept.ok ? undefined : `${widget.entry.title} could not be kept: ${kept.reason}`;
  } catch (error) {
    return `${widget.entry.title} could not be kept: ${String(error)}`;
  }
}

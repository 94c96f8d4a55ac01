import {
  InstalledWidgets,
  type PackedWidget,
} from '../../widget-host/bundles/installed-widgets.js';
import { BUNDLE_FILE_EXTENSION, readBundle } from '../../widget-host/bundles/read-bundle.js';
import type { WidgetDock } from './widget-dock.js';

/**
 * "Add widget…" at the end of the call's Widgets menu: the same as in Settings (the same
 * checks, the same store), and the widget is there at once, in this call.
 */
export function wireAddWidget(
  dock: WidgetDock,
  options: {
    builtIn: ReadonlySet<string>;
    /** The widget was checked and kept: make it runnable here and open it. */
    added: (widget: PackedWidget) => void;
    note: (text: string) => void;
    signal: AbortSignal;
  },
): void {
  const { builtIn, added, note, signal } = options;
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = BUNDLE_FILE_EXTENSION;
  input.hidden = true;
  document.body.append(input);
  signal.addEventListener('abort', () => input.remove(), { once: true });
  dock.offerAction('Add widget…', () => input.click(), signal);
  input.addEventListener(
    'change',
    () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      note(`Checking ${file.name}…`);
      void (async () => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const kept = await (await InstalledWidgets.open()).add(bytes, file.name, builtIn);
        if (!kept.ok) return note(`${file.name} was not added: ${kept.reason}`);
        const read = await readBundle(bytes, kept.value.sha256);
        if (!read.ok) return note(`${file.name} was not added: ${read.reason}`);
        note(`Added ${read.value.entry.title} ${read.value.entry.version}.`);
        added({ ...read.value, bytes });
      })().catch((error: unknown) => note(`${file.name} was not added: ${String(error)}`));
    },
    { signal },
  );
}

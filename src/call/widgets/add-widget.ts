import {
  InstalledWidgets,
  type InstalledWebApp,
  type PackedWidget,
} from '../../widget-host/bundles/installed-widgets.js';
import { BUNDLE_FILE_EXTENSION, readBundle } from '../../widget-host/bundles/read-bundle.js';
import type { WidgetDock } from './widget-dock.js';
import { t } from '../../shared/i18n.js';

/**
 * "Add widget…" at the end of the call's Widgets menu: a packed file or a web app's address,
 * as in Settings (the same checks, the same store), and the widget is there at once, in this
 * call.
 */
export function wireAddWidget(
  dock: WidgetDock,
  options: {
    builtIn: ReadonlySet<string>;
    /** The widget was checked and kept: make it runnable here and open it. */
    added: (widget: PackedWidget) => void;
    /** The same for a web app, kept by its address. */
    addedWebApp: (app: InstalledWebApp) => void;
    note: (text: string) => void;
    signal: AbortSignal;
  },
): void {
  const { signal } = options;
  const dialog = document.querySelector<HTMLDialogElement>('#add-widget-dialog')!;
  const url = dialog.querySelector<HTMLInputElement>('#add-webapp-url')!;
  const name = dialog.querySelector<HTMLInputElement>('#add-webapp-name')!;
  const problem = dialog.querySelector<HTMLElement>('#add-webapp-problem')!;
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = BUNDLE_FILE_EXTENSION;
  input.hidden = true;
  document.body.append(input);
  signal.addEventListener('abort', () => input.remove(), { once: true });

  dock.offerAction(
    t('add_widget'),
    () => {
      problem.textContent = '';
      dialog.showModal();
    },
    signal,
  );
  dialog.querySelector('#add-widget-cancel')!.addEventListener('click', () => dialog.close(), {
    signal,
  });
  dialog.querySelector('#add-widget-file')!.addEventListener('click', () => input.click(), {
    signal,
  });
  for (const field of [url, name])
    field.addEventListener('input', () => (problem.textContent = ''), { signal });
  input.addEventListener(
    'change',
    () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      dialog.close();
      addFile(file, options);
    },
    { signal },
  );
  dialog.querySelector('#add-webapp-form')!.addEventListener(
    'submit',
    (event) => {
      event.preventDefault();
      void InstalledWidgets.open()
        .then((installed) => installed.addWebApp(url.value, name.value))
        .then((result) => {
          if (!result.ok) {
            problem.textContent = t('webapp_not_added', result.reason);
            return;
          }
          dialog.close();
          url.value = '';
          name.value = '';
          options.note(t('webapp_added', result.value.title, new URL(result.value.url).origin));
          options.addedWebApp(result.value);
        })
        .catch((error: unknown) => {
          problem.textContent = t('webapp_not_added', String(error));
        });
    },
    { signal },
  );
}

function addFile(file: File, { builtIn, added, note }: Parameters<typeof wireAddWidget>[1]): void {
  note(t('widget_checking', file.name));
  void (async () => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kept = await (await InstalledWidgets.open()).add(bytes, file.name, builtIn);
    if (!kept.ok) return note(t('widget_file_not_added', file.name, kept.reason));
    const read = await readBundle(bytes, kept.value.sha256);
    if (!read.ok) return note(t('widget_file_not_added', file.name, read.reason));
    note(t('widget_added', read.value.entry.title, read.value.entry.version));
    added({ ...read.value, bytes });
  })().catch((error: unknown) => note(t('widget_file_not_added', file.name, String(error))));
}

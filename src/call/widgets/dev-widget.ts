import type { KeyValueArea } from '../../platform/platform.js';
import {
  WIDGET_DEV_BUNDLE_PATH,
  WIDGET_DEV_DEFAULT_ADDRESS,
  WIDGET_DEV_EVENTS,
  WIDGET_DEV_EVENTS_PATH,
  parseWidgetPackFailed,
  parseWidgetPacked,
  widgetDevAddress,
  type WidgetPacked,
} from '../../protocol/widget-dev.js';
import type { PackedWidget } from '../../widget-host/bundles/installed-widgets.js';
import { readBundle } from '../../widget-host/bundles/read-bundle.js';
import type { WidgetDock } from './widget-dock.js';
import { t } from '../../shared/i18n.js';

const ADDRESS_KEY = 'widgetDevAddress';

/**
 * "Develop a widget…" in the Widgets menu: connects this call to `npm run widget:dev` on this
 * computer and runs the widget it packs, again after each save, in place of the copy running
 * (the page keeps its tab and its storage). What the dev server sends is checked as any packed
 * widget is (readBundle, against the hash its event announced); nothing is kept in Settings.
 */
export function wireDevWidget(
  dock: WidgetDock,
  options: {
    builtIn: ReadonlySet<string>;
    /** A pack passed every check: run it, in place of the copy running if there is one. */
    loaded: (widget: PackedWidget) => void;
    note: (text: string) => void;
    /** Where the address last used is remembered. */
    settings: KeyValueArea;
    signal: AbortSignal;
  },
): void {
  const { note, signal } = options;
  const dialog = document.querySelector<HTMLDialogElement>('#dev-widget-dialog')!;
  const form = dialog.querySelector<HTMLFormElement>('#dev-widget-form')!;
  const input = dialog.querySelector<HTMLInputElement>('#dev-widget-address')!;
  const problem = dialog.querySelector<HTMLElement>('#dev-widget-problem')!;
  let connection: AbortController | undefined;

  const button = dock.offerAction(
    t('dev_widget_open'),
    () => {
      if (connection) {
        connection.abort();
        connection = undefined;
        button.textContent = t('dev_widget_open');
        note(t('dev_widget_disconnected'));
        return;
      }
      problem.textContent = '';
      void options.settings.get(ADDRESS_KEY).then((saved) => {
        input.value = typeof saved === 'string' ? saved : WIDGET_DEV_DEFAULT_ADDRESS;
        dialog.showModal();
        input.select();
      });
    },
    signal,
  );
  input.addEventListener('input', () => (problem.textContent = ''), { signal });
  dialog
    .querySelector('#dev-widget-cancel')!
    .addEventListener('click', () => dialog.close(), { signal });
  form.addEventListener(
    'submit',
    (event) => {
      const address = widgetDevAddress(input.value);
      if (!address.ok) {
        event.preventDefault();
        problem.textContent = address.reason;
        return;
      }
      void options.settings.set(ADDRESS_KEY, address.value).catch(() => undefined);
      connection = new AbortController();
      button.textContent = t('dev_widget_stop');
      follow(address.value, options, AbortSignal.any([signal, connection.signal]));
    },
    { signal },
  );
}

/** Follows one dev server's events until `signal` aborts; the newest pack always wins. */
function follow(
  origin: string,
  options: Parameters<typeof wireDevWidget>[1],
  signal: AbortSignal,
): void {
  const { note } = options;
  const events = new EventSource(`${origin}${WIDGET_DEV_EVENTS_PATH}`);
  signal.addEventListener('abort', () => events.close(), { once: true });
  let latest = 0;
  let reached = false;
  note(t('dev_widget_connecting', origin));
  events.addEventListener(
    'open',
    () => {
      reached = true;
      note(t('dev_widget_connected', origin));
    },
    { signal },
  );
  events.addEventListener(
    'error',
    () => {
      note(reached ? t('dev_widget_lost', origin) : t('dev_widget_unreachable', origin));
      reached = false;
    },
    { signal },
  );
  events.addEventListener(
    WIDGET_DEV_EVENTS.failed,
    (event) => {
      const failed = parseWidgetPackFailed(event.data);
      note(t('dev_widget_not_packed', failed.ok ? failed.value.reason : failed.reason));
    },
    { signal },
  );
  events.addEventListener(
    WIDGET_DEV_EVENTS.packed,
    (event) => {
      const packed = parseWidgetPacked(event.data);
      if (!packed.ok) return note(t('dev_widget_bad_event', packed.reason));
      const attempt = ++latest;
      void load(origin, packed.value, options, signal).then((outcome) => {
        if (attempt !== latest || signal.aborted) return; // a newer save is on its way
        if (typeof outcome === 'string') return note(outcome);
        options.loaded(outcome);
        const { title, version } = outcome.entry;
        note(t('dev_widget_reloaded', title, version, packed.value.sha256.slice(0, 12), origin));
      });
    },
    { signal },
  );
}

/** Fetches and checks one pack; a string says why it was not loaded. */
async function load(
  origin: string,
  packed: WidgetPacked,
  options: { builtIn: ReadonlySet<string> },
  signal: AbortSignal,
): Promise<PackedWidget | string> {
  let bytes: Uint8Array;
  try {
    const response = await fetch(`${origin}${WIDGET_DEV_BUNDLE_PATH}`, { signal });
    if (!response.ok) return t('dev_widget_not_sent', String(response.status));
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    return t('dev_widget_not_sent', String(error));
  }
  const read = await readBundle(bytes, packed.sha256);
  if (!read.ok) return t('dev_widget_not_loaded', read.reason);
  if (options.builtIn.has(read.value.entry.id))
    return t('dev_widget_builtin_id', read.value.entry.id);
  return { ...read.value, bytes };
}

import {
  InstalledWidgets,
  shortHash,
  type InstalledWidgetSummary,
} from '../widget-host/bundles/installed-widgets.js';
import { t } from '../shared/i18n.js';

/** The built-in widgets' ids, from the registry the build packaged: an added one may not reuse them. */
async function builtInIds(): Promise<Set<string>> {
  const raw: unknown = await (await fetch('/widgetmanifest.json')).json();
  return new Set(
    (Array.isArray(raw) ? raw : []).flatMap((item: unknown) => {
      const id = (item as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? [id] : [];
    }),
  );
}

function describe(widget: InstalledWidgetSummary): string {
  const kib = (widget.size / 1024).toFixed(1);
  return t('widget_details', widget.version, widget.author, widget.source, kib);
}

/**
 * Settings' "Your widgets": add a packed widget from a file, see what is installed (title,
 * version, author, source, short hash) and remove it.
 */
export async function startWidgetsSection(): Promise<void> {
  const installed = await InstalledWidgets.open();
  const builtIn = await builtInIds();
  const list = document.querySelector<HTMLUListElement>('#installed-widgets')!;
  const none = document.querySelector<HTMLElement>('#no-widgets')!;
  const status = document.querySelector<HTMLElement>('#widget-status')!;
  const input = document.querySelector<HTMLInputElement>('#widget-file')!;
  const add = document.querySelector<HTMLButtonElement>('#add-widget')!;
  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };

  const removable = (title: string, id: string, about: HTMLElement): HTMLLIElement => {
    const item = document.createElement('li');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('widget_remove');
    remove.setAttribute('aria-label', t('widget_remove_named', title));
    remove.addEventListener('click', () => {
      void installed.remove(id).then(async () => {
        say(t('widget_removed', title));
        await render();
        add.focus();
      });
    });
    item.append(about, remove);
    return item;
  };

  const render = async (): Promise<void> => {
    const widgets = await installed.list();
    const webApps = await installed.listWebApps();
    none.hidden = widgets.length + webApps.length > 0;
    const aboutWebApp = (title: string, url: string): HTMLElement => {
      const about = document.createElement('span');
      about.className = 'about';
      const name = document.createElement('strong');
      name.textContent = title;
      const details = document.createElement('span');
      details.className = 'details';
      details.textContent = t('widget_webapp_at', new URL(url).origin);
      about.append(name, details);
      return about;
    };
    list.replaceChildren(
      ...webApps.map((app) => removable(app.title, app.id, aboutWebApp(app.title, app.url))),
      ...widgets.map((widget) => {
        const about = document.createElement('span');
        about.className = 'about';
        const title = document.createElement('strong');
        title.textContent = widget.title;
        const details = document.createElement('span');
        details.className = 'details';
        details.textContent = describe(widget);
        // The short hash, kept on one line: what a person compares with the author's.
        const hash = document.createElement('span');
        hash.className = 'hash';
        hash.textContent = `SHA-256 ${shortHash(widget.sha256)}`;
        details.append(hash);
        about.append(title, details);
        return removable(widget.title, widget.id, about);
      }),
    );
  };

  add.addEventListener('click', () => input.click());
  // Disabled in the page until now: a click before this would have opened nothing.
  add.disabled = false;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    say(t('widget_checking', file.name));
    void file
      .arrayBuffer()
      .then((buffer) => installed.add(new Uint8Array(buffer), file.name, builtIn))
      .then(async (result) => {
        if (!result.ok) return say(t('widget_file_not_added', file.name, result.reason), true);
        say(t('widget_added_next_call', result.value.title, result.value.version));
        await render();
      })
      .catch((error: unknown) => say(t('widget_file_not_added', file.name, String(error)), true));
  });
  const webAppForm = document.querySelector<HTMLFormElement>('#webapp-form')!;
  const webAppUrl = document.querySelector<HTMLInputElement>('#webapp-url')!;
  const webAppName = document.querySelector<HTMLInputElement>('#webapp-name')!;
  webAppForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void installed.addWebApp(webAppUrl.value, webAppName.value).then(async (result) => {
      if (!result.ok) return say(t('webapp_not_added', result.reason), true);
      say(t('webapp_added', result.value.title, new URL(result.value.url).origin));
      webAppUrl.value = '';
      webAppName.value = '';
      await render();
    });
  });
  document.querySelector<HTMLFieldSetElement>('#webapp-fields')!.disabled = false;
  await render();
}

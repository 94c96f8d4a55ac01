import { t } from '../../shared/i18n.js';

export interface DockEntry {
  id: string;
  title: string;
  iconUrl: string;
}

interface DockButton {
  title: string;
  button: HTMLButtonElement;
  badge: HTMLElement;
  /** "New": a peer opened the widget and it is not on this person's screen yet. */
  mark: HTMLElement;
}

/**
 * The widget buttons behind the Widgets control: one per widget, named by its title, saying
 * whether its panel is on this screen (`aria-expanded`), with a count the widget sets (unread
 * messages, say) and a "New" mark for a widget a peer opened. The dock sits in a menu, so the
 * Widgets control carries a dot, and says which widgets have news, while any of them do.
 */
export class WidgetDock {
  private readonly buttons = new Map<string, DockButton>();
  /** The first of the actions at the end ("Add widget…"): widgets added later go before it. */
  private firstAction: HTMLButtonElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    /** The control that opens the dock's menu, which shows the summary dot. */
    private readonly opener: HTMLElement,
    onPress: (widgetId: string) => void,
    signal: AbortSignal,
  ) {
    root.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element).closest<HTMLButtonElement>('button[data-widget]');
        if (button?.dataset.widget) onPress(button.dataset.widget);
      },
      { signal },
    );
  }

  show(entries: DockEntry[]): void {
    for (const entry of entries) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.widget = entry.id;
      button.setAttribute('aria-label', entry.title);
      button.setAttribute('aria-expanded', 'false');
      button.title = entry.title;
      const icon = document.createElement('img');
      icon.src = entry.iconUrl;
      icon.alt = '';
      const label = document.createElement('span');
      label.textContent = entry.title;
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.id = `badge-${entry.id}`;
      badge.hidden = true;
      const mark = document.createElement('span');
      mark.className = 'new-mark';
      mark.id = `new-${entry.id}`;
      mark.textContent = t('dock_new');
      mark.hidden = true;
      button.setAttribute('aria-describedby', `${badge.id} ${mark.id}`);
      button.append(icon, label, badge, mark);
      this.root.insertBefore(button, this.firstAction ?? null);
      this.buttons.set(entry.id, { title: entry.title, button, badge, mark });
    }
  }

  /**
   * A button after the widgets, such as "Add widget…" (add-widget.ts) or "Develop a widget…"
   * (dev-widget.ts); returned so that its owner can relabel it.
   */
  offerAction(label: string, run: () => void, signal: AbortSignal): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'dock-action';
    button.textContent = label;
    button.addEventListener('click', run, { signal });
    this.root.append(button);
    this.firstAction ??= button;
    return button;
  }

  setIcon(widgetId: string, iconUrl: string): void {
    const icon = this.buttons.get(widgetId)?.button.querySelector('img');
    if (icon) icon.src = iconUrl;
  }

  /** Whether the buttons open widgets now; the dock stays in place either way. */
  setEnabled(enabled: boolean): void {
    for (const { button } of this.buttons.values()) button.disabled = !enabled;
  }

  setBadge(widgetId: string, count: number): void {
    const entry = this.buttons.get(widgetId);
    if (!entry) return;
    entry.badge.hidden = count === 0;
    entry.badge.textContent = count > 99 ? '99+' : String(count);
    entry.badge.setAttribute('aria-label', t('dock_count_new', count));
    this.summarise();
  }

  /** Marks a widget a peer opened (`news` says so) until it is on this screen. */
  setOffered(widgetId: string, news: string | undefined): void {
    const entry = this.buttons.get(widgetId);
    if (!entry) return;
    entry.mark.hidden = news === undefined;
    entry.mark.setAttribute('aria-label', news === undefined ? '' : `New: ${news}`);
    this.summarise();
  }

  /** Whether the widget's panel is on this screen: the button then hides it. */
  setExpanded(widgetId: string, expanded: boolean): void {
    const entry = this.buttons.get(widgetId);
    if (!entry) return;
    entry.button.setAttribute('aria-expanded', String(expanded));
    if (expanded) this.setOffered(widgetId, undefined);
  }

  private summarise(): void {
    const news = [...this.buttons.values()]
      .filter(({ badge, mark }) => !badge.hidden || !mark.hidden)
      .map(({ title }) => title);
    this.opener.classList.toggle('has-news', news.length > 0);
    let description = document.getElementById(`${this.opener.id}-news`);
    if (!description) {
      description = document.createElement('span');
      description.id = `${this.opener.id}-news`;
      description.hidden = true;
      this.opener.after(description);
      this.opener.setAttribute('aria-describedby', description.id);
    }
    description.textContent = news.length > 0 ? t('dock_new_in', news.join(', ')) : '';
  }
}

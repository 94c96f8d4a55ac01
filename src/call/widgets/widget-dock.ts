export interface DockEntry {
  id: string;
  title: string;
  iconUrl: string;
}

/**
 * The row of widget buttons in the call's controls: one per widget, named by its title, with a
 * badge the widget sets (unread messages, say) while its panel is closed.
 */
export class WidgetDock {
  private readonly buttons = new Map<string, { button: HTMLButtonElement; badge: HTMLElement }>();

  constructor(
    private readonly root: HTMLElement,
    onOpen: (widgetId: string) => void,
    signal: AbortSignal,
  ) {
    root.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element).closest<HTMLButtonElement>('button[data-widget]');
        if (button?.dataset.widget) onOpen(button.dataset.widget);
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
      button.setAttribute('aria-describedby', badge.id);
      button.append(icon, label, badge);
      this.root.append(button);
      this.buttons.set(entry.id, { button, badge });
    }
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
    entry.badge.setAttribute('aria-label', `${count} new`);
  }

  setOpen(widgetId: string, open: boolean): void {
    this.buttons.get(widgetId)?.button.setAttribute('aria-pressed', String(open));
  }
}

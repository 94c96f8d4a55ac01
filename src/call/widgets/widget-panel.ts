interface Tab {
  title: string;
  frame: HTMLIFrameElement;
  tab: HTMLElement;
  select: HTMLButtonElement;
}

const RESIZE_STEP = 24;

/**
 * The side panel that shows open widgets as tabs next to the videos. Closing a tab hides the
 * widget for this person only; its frame keeps running (moving or removing an iframe would
 * reload it and lose its state), so reopening is instant.
 */
export class WidgetPanel {
  private readonly tabs = new Map<string, Tab>();
  private shown: string[] = [];
  private selected: string | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly onVisibilityChanged: (widgetId: string, visible: boolean) => void,
    signal: AbortSignal,
  ) {
    this.wireResizer(root.querySelector<HTMLElement>('#widget-resizer')!, signal);
  }

  /** Adds a widget's frame (once) and shows it as the selected tab. */
  show(widgetId: string, title: string, frame: HTMLIFrameElement): void {
    if (!this.tabs.has(widgetId)) this.add(widgetId, title, frame);
    if (!this.shown.includes(widgetId)) this.shown.push(widgetId);
    this.select(widgetId);
  }

  isShown(widgetId: string): boolean {
    return this.shown.includes(widgetId);
  }

  close(widgetId: string): void {
    this.shown = this.shown.filter((id) => id !== widgetId);
    if (this.selected === widgetId) this.selected = this.shown.at(-1);
    this.render();
  }

  private add(widgetId: string, title: string, frame: HTMLIFrameElement): void {
    const tab = document.createElement('div');
    tab.className = 'widget-tab';
    const select = document.createElement('button');
    select.type = 'button';
    select.setAttribute('role', 'tab');
    select.id = `tab-${widgetId}`;
    select.textContent = title;
    select.addEventListener('click', () => this.select(widgetId));
    const close = document.createElement('button');
    close.type = 'button';
    close.setAttribute('aria-label', `Close ${title}`);
    close.textContent = '×';
    close.addEventListener('click', () => this.close(widgetId));
    tab.append(select, close);
    this.root.querySelector('#widget-tabs')!.append(tab);
    frame.id = `pane-${widgetId}`;
    frame.setAttribute('role', 'tabpanel');
    frame.setAttribute('aria-labelledby', select.id);
    select.setAttribute('aria-controls', frame.id);
    frame.hidden = true;
    this.root.querySelector('#widget-panes')!.append(frame);
    this.tabs.set(widgetId, { title, frame, tab, select });
  }

  private select(widgetId: string): void {
    this.selected = widgetId;
    this.render();
  }

  private render(): void {
    this.root.hidden = this.shown.length === 0;
    for (const [widgetId, { frame, tab, select }] of this.tabs) {
      const isShown = this.shown.includes(widgetId);
      const isSelected = isShown && widgetId === this.selected;
      tab.hidden = !isShown;
      tab.dataset.selected = String(isSelected);
      select.setAttribute('aria-selected', String(isSelected));
      if (frame.hidden === isSelected) {
        frame.hidden = !isSelected;
        this.onVisibilityChanged(widgetId, isSelected);
      }
    }
  }

  private wireResizer(handle: HTMLElement, signal: AbortSignal): void {
    const setWidth = (width: number) => {
      const clamped = Math.max(260, Math.min(window.innerWidth * 0.7, width));
      this.root.style.setProperty('--widget-panel-width', `${Math.round(clamped)}px`);
    };
    handle.addEventListener(
      'pointerdown',
      (down) => {
        const startX = down.clientX;
        const startWidth = this.root.getBoundingClientRect().width;
        handle.setPointerCapture(down.pointerId);
        const move = (event: PointerEvent) => setWidth(startWidth + startX - event.clientX);
        handle.addEventListener('pointermove', move);
        handle.addEventListener(
          'pointerup',
          () => handle.removeEventListener('pointermove', move),
          {
            once: true,
          },
        );
      },
      { signal },
    );
    handle.addEventListener(
      'keydown',
      (event) => {
        const width = this.root.getBoundingClientRect().width;
        if (event.key === 'ArrowLeft') setWidth(width + RESIZE_STEP);
        else if (event.key === 'ArrowRight') setWidth(width - RESIZE_STEP);
      },
      { signal },
    );
  }
}

import { t } from '../../shared/i18n.js';

interface Tab {
  title: string;
  frame: HTMLIFrameElement;
  pane: HTMLElement;
  select: HTMLButtonElement;
}

const RESIZE_STEP = 24;

/**
 * The side panel that shows open widgets as tabs next to the videos. Closing a tab hides the
 * widget for this person only; its frame keeps running (moving or removing an iframe would
 * reload it and lose its state), so reopening is instant.
 *
 * The tabs follow the ARIA tabs pattern: only tabs in the tab list, arrow keys move between
 * them, Delete closes one. The close button for the selected widget sits beside the list.
 */
export class WidgetPanel {
  private readonly tabs = new Map<string, Tab>();
  private shown: string[] = [];
  private selected: string | undefined;

  private readonly closeButton: HTMLButtonElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly onVisibilityChanged: (widgetId: string, visible: boolean) => void,
    signal: AbortSignal,
    /** Where the focus goes when the last open widget closes (the button that opens widgets). */
    private readonly focusAfterClose: () => HTMLElement | null = () => null,
  ) {
    this.wireResizer(root.querySelector<HTMLElement>('#widget-resizer')!, signal);
    this.closeButton = root.querySelector<HTMLButtonElement>('#close-widget')!;
    this.closeButton.addEventListener(
      'click',
      () => this.selected && this.close(this.selected, true),
      { signal },
    );
    root
      .querySelector('#widget-tabs')!
      .addEventListener('keydown', (event) => this.onTabKey(event as KeyboardEvent), { signal });
  }

  /** Moves the focus into a widget, for the person who just opened it. */
  focus(widgetId: string): void {
    this.tabs.get(widgetId)?.frame.focus();
  }

  /** Adds a widget's frame (once) and shows it as the selected tab. */
  show(widgetId: string, title: string, frame: HTMLIFrameElement): void {
    if (!this.tabs.has(widgetId)) this.add(widgetId, title, frame);
    if (!this.shown.includes(widgetId)) this.shown.push(widgetId);
    this.select(widgetId);
  }

  /**
   * Gives a widget's frame its place (once), hidden: it loads and runs, and a tab for it
   * appears only when it is shown.
   */
  place(widgetId: string, title: string, frame: HTMLIFrameElement): void {
    if (this.tabs.has(widgetId)) return;
    this.add(widgetId, title, frame);
    this.render();
  }

  /**
   * Says over a widget's frame why it is not working (`undefined` takes that away): a page
   * that never started would otherwise be a blank panel, its reason only in a console.
   */
  setProblem(widgetId: string, text: string | undefined): void {
    const tab = this.tabs.get(widgetId);
    if (!tab) return;
    tab.pane.querySelector('.widget-problem')?.remove();
    if (text === undefined) return;
    const problem = document.createElement('p');
    problem.className = 'widget-problem';
    problem.setAttribute('role', 'alert');
    problem.textContent = text;
    tab.pane.prepend(problem);
  }

  /** Puts a reloaded widget's new frame where its old one was, under the same tab. */
  replaceFrame(widgetId: string, frame: HTMLIFrameElement): void {
    const tab = this.tabs.get(widgetId);
    if (!tab) return;
    tab.pane.querySelector('iframe')?.remove();
    tab.pane.append(frame);
    tab.frame = frame;
  }

  /** Whether any widget is open on this screen. */
  hasShown(): boolean {
    return this.shown.length > 0;
  }

  /** Whether this widget is the one on this screen now. */
  isVisible(widgetId: string): boolean {
    return this.selected === widgetId && this.shown.includes(widgetId);
  }

  close(widgetId: string, byThisPerson = false): void {
    this.shown = this.shown.filter((id) => id !== widgetId);
    if (this.selected === widgetId) this.selected = this.shown.at(-1);
    this.render();
    if (!byThisPerson) return;
    // The focus was on what just went away: the next tab, or what opens widgets.
    const next = this.selected ? this.tabs.get(this.selected)?.select : this.focusAfterClose();
    next?.focus();
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = this.selected ? this.shown.indexOf(this.selected) : -1;
    if (index < 0) return;
    let next: string | undefined;
    if (event.key === 'ArrowRight') next = this.shown[(index + 1) % this.shown.length];
    else if (event.key === 'ArrowLeft')
      next = this.shown[(index - 1 + this.shown.length) % this.shown.length];
    else if (event.key === 'Home') next = this.shown[0];
    else if (event.key === 'End') next = this.shown.at(-1);
    else if (event.key === 'Delete') {
      event.preventDefault();
      this.close(this.selected!, true);
      return;
    } else return;
    event.preventDefault();
    if (!next) return;
    this.select(next);
    this.tabs.get(next)?.select.focus();
  }

  private add(widgetId: string, title: string, frame: HTMLIFrameElement): void {
    const select = document.createElement('button');
    select.type = 'button';
    select.className = 'widget-tab';
    select.setAttribute('role', 'tab');
    select.id = `tab-${widgetId}`;
    select.textContent = title;
    select.addEventListener('click', () => this.select(widgetId));
    this.root.querySelector('#widget-tabs')!.append(select);
    // The tab panel is a wrapper: a frame may not take the tabpanel role itself. The frame goes
    // into it before either is in the page, so it is inserted (and loads) once.
    const pane = document.createElement('div');
    pane.className = 'widget-pane';
    pane.id = `pane-${widgetId}`;
    pane.setAttribute('role', 'tabpanel');
    pane.setAttribute('aria-labelledby', select.id);
    select.setAttribute('aria-controls', pane.id);
    pane.hidden = true;
    pane.append(frame);
    this.root.querySelector('#widget-panes')!.append(pane);
    this.tabs.set(widgetId, { title, frame, pane, select });
  }

  private select(widgetId: string): void {
    this.selected = widgetId;
    this.render();
  }

  private render(): void {
    this.root.hidden = this.shown.length === 0;
    const selected = this.selected ? this.tabs.get(this.selected) : undefined;
    this.closeButton.setAttribute(
      'aria-label',
      selected ? t('panel_close_named', selected.title) : t('panel_close'),
    );
    for (const [widgetId, { pane, select }] of this.tabs) {
      const isShown = this.shown.includes(widgetId);
      const isSelected = isShown && widgetId === this.selected;
      select.hidden = !isShown;
      select.dataset.selected = String(isSelected);
      select.setAttribute('aria-selected', String(isSelected));
      // One tab stop for the list: the arrow keys move within it.
      select.tabIndex = isSelected ? 0 : -1;
      if (pane.hidden === isSelected) {
        pane.hidden = !isSelected;
        this.onVisibilityChanged(widgetId, isSelected);
      }
    }
  }

  private wireResizer(handle: HTMLElement, signal: AbortSignal): void {
    const setWidth = (width: number) => {
      const max = Math.round(window.innerWidth * 0.7);
      const clamped = Math.round(Math.max(260, Math.min(max, width)));
      this.root.style.setProperty('--widget-panel-width', `${clamped}px`);
      handle.setAttribute('aria-valuemax', String(max));
      handle.setAttribute('aria-valuenow', String(clamped));
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

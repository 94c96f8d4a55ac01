import { gridShape } from './grid-shape.js';
import { t } from '../../shared/i18n.js';

/**
 * How the stage arranges its tiles, whoever adds them: a grid that fills the stage, shaped by
 * the number of people and the stage's shape; in a call of two, your own tile as a small
 * picture you can move; a shared screen or a pinned person on the stage with everyone else in
 * a strip below. It watches the stage, so tiles are placed however they come and go.
 */
export class StageLayout {
  private pinnedId: string | undefined;

  constructor(private readonly root: HTMLElement) {
    new ResizeObserver(() => this.apply()).observe(root);
    new MutationObserver(() => this.apply()).observe(root, { childList: true });
    root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button.pin');
      const figure = button?.closest<HTMLElement>('figure');
      if (!figure) return;
      this.pinnedId = this.pinnedId === figure.dataset.peerId ? undefined : figure.dataset.peerId;
      this.apply();
    });
    this.makeDraggable();
  }

  private figures(): HTMLElement[] {
    return [...this.root.children].filter(
      (child): child is HTMLElement => child instanceof HTMLElement && child.tagName === 'FIGURE',
    );
  }

  private apply(): void {
    const figures = this.figures();
    const people = figures.filter((figure) => !figure.classList.contains('screen'));
    for (const figure of people) this.addPinButton(figure);
    const pinned = people.find((figure) => figure.dataset.peerId === this.pinnedId);
    if (!pinned) this.pinnedId = undefined;
    const onStage = figures.find((figure) => figure.classList.contains('screen')) ?? pinned;
    const self = people.find((figure) => figure.classList.contains('self'));
    // One to one: the other person fills the stage, and you are a picture in a corner.
    const floating = !onStage && people.length === 2 ? self : undefined;
    for (const figure of figures) {
      figure.classList.toggle('on-stage', figure === onStage);
      figure.classList.toggle('floating', figure === floating);
      const pin = figure.querySelector<HTMLButtonElement>('button.pin');
      pin?.setAttribute('aria-pressed', String(figure === pinned));
    }
    if (!floating) this.root.style.removeProperty('--float-x');
    this.root.classList.toggle('presenting', onStage !== undefined);
    if (onStage) {
      this.root.style.setProperty('--strip', String(Math.max(1, figures.length - 1)));
      return;
    }
    const inGrid = people.filter((figure) => figure !== floating).length;
    const style = getComputedStyle(this.root);
    const width =
      this.root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const height =
      this.root.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const { columns, rows } = gridShape(inGrid, width, height);
    this.root.style.setProperty('--columns', String(columns));
    this.root.style.setProperty('--rows', String(rows));
  }

  /** Pinning puts a person on the stage for you alone; nobody else's view changes. */
  private addPinButton(figure: HTMLElement): void {
    const caption = figure.querySelector('figcaption');
    if (!caption || caption.querySelector('button.pin') || figure.classList.contains('self'))
      return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'pin';
    button.textContent = t('stage_pin');
    button.setAttribute('aria-pressed', 'false');
    caption.append(button);
  }

  /** The floating picture of yourself can be dragged anywhere on the stage. */
  private makeDraggable(): void {
    let drag: { dx: number; dy: number; figure: HTMLElement } | undefined;
    this.root.addEventListener('pointerdown', (event) => {
      const figure = (event.target as Element).closest<HTMLElement>('figure.floating');
      if (!figure || (event.target as Element).closest('button')) return;
      const box = figure.getBoundingClientRect();
      drag = { dx: event.clientX - box.left, dy: event.clientY - box.top, figure };
      figure.setPointerCapture(event.pointerId);
    });
    this.root.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const stage = this.root.getBoundingClientRect();
      const box = drag.figure.getBoundingClientRect();
      const x = Math.min(
        Math.max(0, event.clientX - stage.left - drag.dx),
        stage.width - box.width,
      );
      const y = Math.min(
        Math.max(0, event.clientY - stage.top - drag.dy),
        stage.height - box.height,
      );
      this.root.style.setProperty('--float-x', `${x}px`);
      this.root.style.setProperty('--float-y', `${y}px`);
    });
    const end = (): void => void (drag = undefined);
    this.root.addEventListener('pointerup', end);
    this.root.addEventListener('pointercancel', end);
  }
}

export type BannerTone = 'info' | 'warning' | 'error';

export interface BannerAction {
  label: string;
  run: () => void;
}

/** The one strip at the top of the call that tells a person what went wrong and what to do. */
export class Banner {
  private readonly root = document.querySelector<HTMLElement>('#banner')!;
  private readonly text = document.querySelector<HTMLElement>('#banner-text')!;
  private readonly button = document.querySelector<HTMLButtonElement>('#banner-action')!;
  private action: BannerAction | undefined;

  constructor() {
    this.button.addEventListener('click', () => this.action?.run());
  }

  show(message: string, tone: BannerTone, action?: BannerAction): void {
    this.text.textContent = message;
    this.root.className = tone;
    this.action = action;
    this.button.hidden = !action;
    this.button.textContent = action?.label ?? '';
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
    this.action = undefined;
  }
}

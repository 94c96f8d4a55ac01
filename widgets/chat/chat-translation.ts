import type { TfxError, Translation, TranslationStatus } from '@tfx/sdk';

/** What the reader sees of one line in their language. */
export type LineTranslation =
  | { kind: 'as-written' }
  | { kind: 'translating' }
  | { kind: 'translated'; from: string; text: string }
  /** The browser needs a click before it downloads the model this line needs. */
  | { kind: 'needs-download' };

/** The part of the SDK this uses, so tests can hand in the test room's. */
export interface Translate {
  status(): Promise<TranslationStatus>;
  translate(text: string, to: string): Promise<Translation>;
}

interface Line {
  id: string;
  text: string;
}

/**
 * Each incoming line in the reader's chosen language, one request at a time so that a history of
 * a thousand lines does not flood the translator, newest first. Results are kept per line and
 * language: changing the language back costs nothing.
 */
export class ChatTranslation {
  private readonly results = new Map<string, LineTranslation>();
  private readonly waiting: Line[] = [];
  private working = false;
  private available = false;

  constructor(
    private readonly translator: Translate,
    private language: string,
    /** Called whenever a line's translation changes. */
    private readonly changed: () => void,
  ) {}

  /** Whether translation can work here; until it answers, lines show as written. */
  async start(): Promise<TranslationStatus> {
    const status = await this.translator.status();
    this.available = status.state !== 'unavailable';
    return status;
  }

  /** Whether lines are still being translated. */
  get busy(): boolean {
    return this.working;
  }

  get myLanguage(): string {
    return this.language;
  }

  setLanguage(language: string): void {
    if (language === this.language) return;
    this.language = language;
    this.waiting.length = 0;
    this.changed();
  }

  /** What to show for a line now; asks for it in the background if not known yet. */
  of(line: Line): LineTranslation {
    if (!this.available) return { kind: 'as-written' };
    const key = this.keyOf(line);
    const known = this.results.get(key);
    if (known) return known;
    this.results.set(key, { kind: 'translating' });
    this.waiting.push(line);
    void this.work();
    return { kind: 'translating' };
  }

  /** From a person's click: the browser may now download what these lines need. */
  retryDownloads(lines: Line[]): void {
    const waitingForClick = lines.filter(
      (line) => this.results.get(this.keyOf(line))?.kind === 'needs-download',
    );
    for (const line of waitingForClick) this.results.delete(this.keyOf(line));
    // Newest first, as ever: its request goes out now, inside the click, so the browser sees
    // the person's wish; the rest follow it.
    for (const line of waitingForClick) this.of(line);
    this.changed();
  }

  private keyOf(line: Line): string {
    return `${this.language}|${line.id}`;
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      for (let line = this.waiting.pop(); line; line = this.waiting.pop()) {
        const key = this.keyOf(line);
        this.results.set(key, await this.translated(line.text));
        this.changed();
      }
    } finally {
      this.working = false;
    }
  }

  private async translated(text: string): Promise<LineTranslation> {
    try {
      const result = await this.translator.translate(text, this.language);
      return result.translated
        ? { kind: 'translated', from: result.from, text: result.text }
        : { kind: 'as-written' };
    } catch (error) {
      // A pair the browser has no model for, or a failure: the line shows as written.
      return (error as TfxError).code === 'NEEDS_DOWNLOAD'
        ? { kind: 'needs-download' }
        : { kind: 'as-written' };
    }
  }
}

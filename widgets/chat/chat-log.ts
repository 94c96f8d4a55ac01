import type { ShownLine } from './chat-lines';
import type { LineTranslation } from './chat-translation';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The log's words in the reader's language. */
export interface LogWords {
  /** How a line passed on by someone else is marked. */
  earlier: (via: string) => string;
  translatedFrom: (language: string) => string;
  showOriginal: string;
  showTranslation: string;
  /** The button on a line whose translation waits for the browser's download. */
  translate: string;
  downloadOnce: string;
}

export interface LogTranslation {
  of(line: ShownLine): LineTranslation;
  /** A language's name in the reader's language. */
  nameOf(language: string): string;
  /** The person clicked Translate on a line that needs a download. */
  allowDownload(): void;
}

/**
 * Draws the conversation, newest at the bottom. Every piece of text goes in through
 * textContent, so nothing a peer sends is markup. A line passed on in someone's history says
 * whose word it is; a translated line says from which language, and shows the original on ask.
 */
export class ChatLog {
  private readonly showingOriginal = new Set<string>();
  private lines: ShownLine[] = [];

  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
    private readonly words: LogWords,
    private readonly translation: LogTranslation,
  ) {}

  render(lines: ShownLine[] = this.lines): void {
    this.lines = lines;
    const stickToBottom =
      this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    // A redraw replaces the buttons; the one the person was on keeps the keyboard focus.
    const focused = (document.activeElement as HTMLElement | null)?.dataset.focusKey;
    this.list.replaceChildren(...lines.map((line) => this.item(line)));
    this.empty.hidden = lines.length > 0;
    if (focused)
      this.list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
    if (stickToBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private item(line: ShownLine): HTMLLIElement {
    const item = document.createElement('li');
    item.className = line.provenance.kind;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = line.author;
    const time = document.createElement('time');
    time.dateTime = new Date(line.at).toISOString();
    time.textContent = timeFormat.format(line.at);
    meta.append(name, time);
    if (line.provenance.kind === 'history') {
      const via = document.createElement('span');
      via.className = 'via';
      via.textContent = this.words.earlier(line.provenance.via);
      meta.append(via);
    }
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = line.text;
    item.append(meta, text);
    if (line.provenance.kind === 'mine') return item;
    const translation = this.translation.of(line);
    if (translation.kind === 'translated') this.translated(item, text, line, translation);
    if (translation.kind === 'needs-download') item.append(this.downloadOffer(line));
    return item;
  }

  private translated(
    item: HTMLLIElement,
    text: HTMLElement,
    line: ShownLine,
    translation: Extract<LineTranslation, { kind: 'translated' }>,
  ): void {
    const original = this.showingOriginal.has(line.id);
    if (!original) text.textContent = translation.text;
    else text.lang = translation.from;
    const note = document.createElement('p');
    note.className = 'translated';
    const toggle = button(
      original ? this.words.showTranslation : this.words.showOriginal,
      `toggle:${line.id}`,
    );
    toggle.addEventListener('click', () => {
      if (original) this.showingOriginal.delete(line.id);
      else this.showingOriginal.add(line.id);
      this.render();
    });
    note.append(
      `${this.words.translatedFrom(this.translation.nameOf(translation.from))} · `,
      toggle,
    );
    item.append(note);
  }

  private downloadOffer(line: ShownLine): HTMLElement {
    const note = document.createElement('p');
    note.className = 'translated';
    const translate = button(this.words.translate, `download:${line.id}`);
    translate.addEventListener('click', () => this.translation.allowDownload());
    note.append(translate, ` ${this.words.downloadOnce}`);
    return note;
  }
}

function button(label: string, focusKey: string): HTMLButtonElement {
  const made = document.createElement('button');
  made.type = 'button';
  made.className = 'link';
  made.textContent = label;
  made.dataset.focusKey = focusKey;
  return made;
}

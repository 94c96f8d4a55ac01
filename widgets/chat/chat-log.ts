import type { ChatLine } from './chat-protocol';
import { MAX_HISTORY } from './chat-protocol';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The conversation: lines kept in time order without duplicates, rendered newest at the
 * bottom. Every piece of text goes in through textContent, so nothing a peer sends is markup.
 */
export class ChatLog {
  private readonly lines = new Map<string, ChatLine>();

  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
    private readonly selfId: () => string,
  ) {}

  /** Adds lines not seen before; returns how many were new. */
  add(lines: ChatLine[]): number {
    let added = 0;
    for (const line of lines) {
      if (this.lines.has(line.id)) continue;
      this.lines.set(line.id, line);
      added += 1;
    }
    if (added > 0) this.render();
    return added;
  }

  /** The most recent lines, oldest first: what a late joiner is sent. */
  recent(): ChatLine[] {
    return this.sorted().slice(-MAX_HISTORY);
  }

  private sorted(): ChatLine[] {
    return [...this.lines.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  private render(): void {
    const stickToBottom =
      this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.replaceChildren(...this.recent().map((line) => this.item(line)));
    this.empty.hidden = this.lines.size > 0;
    if (stickToBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private item(line: ChatLine): HTMLLIElement {
    const item = document.createElement('li');
    if (line.id.startsWith(`${this.selfId()}:`)) item.className = 'mine';
    const meta = document.createElement('div');
    meta.className = 'meta';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = line.author;
    const time = document.createElement('time');
    time.dateTime = new Date(line.at).toISOString();
    time.textContent = timeFormat.format(line.at);
    meta.append(name, time);
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = line.text;
    item.append(meta, text);
    return item;
  }
}

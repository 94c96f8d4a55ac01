import type { ShownLine } from './chat-lines';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * Draws the conversation, newest at the bottom. Every piece of text goes in through
 * textContent, so nothing a peer sends is markup. A line passed on in someone's history says
 * whose word it is.
 */
export class ChatLog {
  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
    /** How a line passed on by someone else is marked, in the reader's language. */
    private readonly earlier: (via: string) => string,
  ) {}

  render(lines: ShownLine[]): void {
    const stickToBottom =
      this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.replaceChildren(...lines.map((line) => this.item(line)));
    this.empty.hidden = lines.length > 0;
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
      via.textContent = this.earlier(line.provenance.via);
      meta.append(via);
    }
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = line.text;
    item.append(meta, text);
    return item;
  }
}

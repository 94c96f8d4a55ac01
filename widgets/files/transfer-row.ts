import type { IncomingTransfer } from './incoming-transfer';
import type { OutgoingTransfer, Recipient } from './outgoing-transfer';
import { formatBytes, formatTimeLeft, type RateMeter } from './rate-meter';
import type { FilesStrings } from './files-strings';

export type Transfer =
  | { direction: 'out'; transfer: OutgoingTransfer; everyone: boolean }
  | { direction: 'in'; transfer: IncomingTransfer };

export interface RowActions {
  cancel(): void;
  save(): void;
}

/** One transfer in the list: name, size, who, a progress bar, speed and time left, buttons. */
export class TransferRow {
  readonly element = document.createElement('li');
  private readonly who = document.createElement('span');
  private readonly bar = document.createElement('progress');
  private readonly detail = document.createElement('span');
  private readonly cancelButton = document.createElement('button');
  private readonly saveButton = document.createElement('button');

  constructor(
    private readonly item: Transfer,
    actions: RowActions,
    private readonly words: FilesStrings,
  ) {
    const { name, size } = this.file();
    this.element.className = `transfer ${item.direction}`;
    this.element.setAttribute('aria-label', name);
    const title = document.createElement('span');
    title.className = 'name';
    title.textContent = name;
    title.title = name;
    const total = document.createElement('span');
    total.className = 'size';
    total.textContent = formatBytes(size);
    this.who.className = 'who';
    this.bar.max = Math.max(1, size);
    this.bar.setAttribute('aria-label', words.progressOf(name));
    this.detail.className = 'detail';
    this.cancelButton.type = 'button';
    this.cancelButton.textContent = words.cancel;
    this.cancelButton.addEventListener('click', () => actions.cancel());
    this.saveButton.type = 'button';
    this.saveButton.textContent = words.save;
    this.saveButton.title = words.saveAgain;
    this.saveButton.addEventListener('click', () => actions.save());
    const head = document.createElement('div');
    head.className = 'head';
    head.append(title, total, this.who);
    const foot = document.createElement('div');
    foot.className = 'foot';
    foot.append(this.detail, this.cancelButton, this.saveButton);
    this.element.append(head, this.bar, foot);
    this.update();
  }

  update(): void {
    const view = this.item.direction === 'out' ? this.outgoing() : this.incoming();
    this.who.textContent = view.who;
    this.bar.value = view.done;
    this.detail.textContent = view.detail;
    this.element.dataset.state = view.state;
    this.cancelButton.hidden = !view.cancellable;
    this.saveButton.hidden = !view.savable;
  }

  private file(): { name: string; size: number } {
    return this.item.direction === 'out'
      ? this.item.transfer.file
      : { name: this.item.transfer.offer.name, size: this.item.transfer.offer.size };
  }

  private outgoing(): View {
    const { transfer, everyone } = this.item as Extract<Transfer, { direction: 'out' }>;
    const recipients = [...transfer.recipients.values()];
    const words = this.words;
    const who = everyone ? words.toEveryone : words.to(recipients[0]?.name ?? '…');
    const size = transfer.file.size;
    const done = transfer.delivered;
    const base = { who, done, savable: false };
    switch (transfer.status.kind) {
      case 'waiting':
        return { ...base, state: 'waiting', detail: words.waitingToSend, cancellable: true };
      case 'sending': {
        const receiving = recipients.some((r) => r.state === 'receiving');
        const checking = recipients.some((r) => r.state === 'checking');
        const detail = receiving
          ? progress(done, size, transfer.meter, words)
          : [...(checking ? [words.sentWaitingCheck] : []), outcomes(recipients, words)].join(
              ' · ',
            );
        return { ...base, state: 'active', detail, cancellable: true };
      }
      case 'finished':
        return { ...base, state: 'done', detail: outcomes(recipients, words), cancellable: false };
      case 'cancelled':
        return { ...base, state: 'stopped', detail: words.youCancelled, cancellable: false };
      case 'failed':
        return {
          ...base,
          state: 'stopped',
          detail: `${words.notDelivered} · ${outcomes(recipients, words)}`,
          cancellable: false,
        };
    }
  }

  private incoming(): View {
    const { transfer } = this.item as Extract<Transfer, { direction: 'in' }>;
    const words = this.words;
    const base = { who: words.from(transfer.from.name), done: transfer.received };
    const { status } = transfer;
    switch (status.kind) {
      case 'receiving':
        return {
          ...base,
          state: 'active',
          detail: progress(transfer.received, transfer.offer.size, transfer.meter, words),
          cancellable: true,
          savable: false,
        };
      case 'verified':
        return {
          ...base,
          state: 'done',
          detail: words.savedChecked,
          cancellable: false,
          savable: true,
        };
      case 'damaged':
        return {
          ...base,
          state: 'stopped',
          detail: words.damaged,
          cancellable: false,
          savable: false,
        };
      case 'cancelled':
        return {
          ...base,
          state: 'stopped',
          detail:
            status.by === 'you' ? words.youCancelled : words.theyCancelled(transfer.from.name),
          cancellable: false,
          savable: false,
        };
      case 'failed':
        return {
          ...base,
          state: 'stopped',
          detail: words.stopped(status.reason),
          cancellable: false,
          savable: false,
        };
    }
  }
}

interface View {
  who: string;
  done: number;
  detail: string;
  state: 'waiting' | 'active' | 'done' | 'stopped';
  cancellable: boolean;
  savable: boolean;
}

function progress(done: number, size: number, meter: RateMeter, words: FilesStrings): string {
  const speed = meter.bytesPerSecond();
  const rate = speed === undefined ? '' : ` · ${formatBytes(speed)}/s`;
  const left = formatTimeLeft(meter.secondsLeft(size), words);
  return `${words.progress(formatBytes(done), formatBytes(size))}${rate} · ${left}`;
}

function outcomes(recipients: Recipient[], words: FilesStrings): string {
  return recipients.map((r) => `${r.name}: ${words.outcome[r.state]}`).join(' · ');
}

import * as tfx from '@tfx/sdk';
import { decodeChunk, parseFilesMessage, type FilesMessage } from './files-protocol';
import { IncomingTransfer } from './incoming-transfer';
import { OutgoingTransfer, type SendToPeer } from './outgoing-transfer';
import { TransferRow, type Transfer } from './transfer-row';
import { FILES_STRINGS, type FilesStrings } from './files-strings';

// The call's colours, from the SDK: the page's styles switch on data-theme.
const showTheme = (theme: tfx.Theme): void => {
  document.documentElement.dataset.theme = theme;
};
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

const recipientSelect = document.querySelector<HTMLSelectElement>('#to')!;
const picker = document.querySelector<HTMLInputElement>('#picker')!;
const list = document.querySelector<HTMLUListElement>('#transfers')!;
const empty = document.querySelector<HTMLElement>('#empty')!;
// English until the host has said hello and the reader's words are known (see the end).
let words: FilesStrings = FILES_STRINGS.en;
const status = document.querySelector<HTMLElement>('#status')!;

const EVERYONE = '';
// Rows are redrawn at most this often: progress every 256 KiB would be far more than people see.
const REDRAW_EVERY_MS = 200;

const outgoing = new Map<string, OutgoingTransfer>();
const incoming = new Map<string, IncomingTransfer>();
const rows = new Set<TransferRow>();
const queue: OutgoingTransfer[] = [];
let sending: OutgoingTransfer | undefined;
// Received files saved once on arrival; the row's Save button saves again on request.
const saved = new WeakSet<IncomingTransfer>();

const send: SendToPeer = (data, to) => tfx.sendMessage(data, { to });
const incomingKey = (peerId: string, id: string) => `${peerId}/${id}`;

let redrawQueued = false;
function redraw(): void {
  if (redrawQueued) return;
  redrawQueued = true;
  setTimeout(() => {
    redrawQueued = false;
    for (const row of rows) row.update();
  }, REDRAW_EVERY_MS);
}

function addRow(item: Transfer, cancel: () => void, save: () => void = () => undefined): void {
  // The person's own click shows at once, not at the next progress redraw.
  const row: TransferRow = new TransferRow(
    item,
    {
      cancel: () => {
        cancel();
        row.update();
      },
      save,
    },
    words,
  );
  rows.add(row);
  list.prepend(row.element);
  empty.hidden = true;
}

function saveFile(file: File): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = file.name;
  link.click();
  // The download has its own reference once started; the URL only needs to outlive the click.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

// ---- sending -------------------------------------------------------------------------------

function sendNext(): void {
  if (sending) return;
  sending = queue.shift();
  if (!sending) return;
  void sending.run().finally(() => {
    sending = undefined;
    sendNext();
  });
}

function sendFiles(files: Iterable<File>): void {
  const peers = tfx.peers();
  const chosen = recipientSelect.value;
  const to = chosen === EVERYONE ? peers : peers.filter((peer) => peer.id === chosen);
  if (to.length === 0) {
    status.textContent = words.nobody;
    return;
  }
  for (const file of files) {
    const transfer = new OutgoingTransfer(file, to, send, redraw);
    outgoing.set(transfer.id, transfer);
    queue.push(transfer);
    addRow({ direction: 'out', transfer, everyone: chosen === EVERYONE }, () => {
      transfer.cancel();
      const waiting = queue.indexOf(transfer);
      if (waiting >= 0) queue.splice(waiting, 1);
    });
  }
  status.textContent = '';
  sendNext();
}

document.querySelector('#choose')!.addEventListener('click', () => picker.click());
picker.addEventListener('change', () => {
  if (picker.files) sendFiles([...picker.files]);
  picker.value = '';
});

document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  if (event.dataTransfer?.files.length) sendFiles([...event.dataTransfer.files]);
});

// ---- receiving -----------------------------------------------------------------------------

function onOffer(offer: Extract<FilesMessage, { type: 'files:offer' }>, from: tfx.Peer): void {
  const key = incomingKey(from.id, offer.id);
  if (incoming.has(key)) return;
  const transfer = new IncomingTransfer(
    offer,
    from,
    send,
    () => {
      redraw();
      if (transfer.status.kind === 'verified' && !saved.has(transfer)) {
        saved.add(transfer);
        saveFile(transfer.status.file);
      }
    },
    // The host writes the file to disk as it comes: a large one never fills memory.
    () => tfx.openSpool(),
  );
  incoming.set(key, transfer);
  addRow(
    { direction: 'in', transfer },
    () => transfer.cancel(),
    () => transfer.status.kind === 'verified' && saveFile(transfer.status.file),
  );
}

function reject(from: tfx.Peer, reason: string): void {
  console.warn(`[files] ignored a malformed message from ${from.name}: ${reason}`);
}

tfx.onMessage((data, from) => {
  if (data instanceof ArrayBuffer) {
    const chunk = decodeChunk(data);
    if (!chunk.ok) return reject(from, chunk.reason);
    // A chunk of a transfer already stopped is one that was in flight: nothing to do.
    incoming.get(incomingKey(from.id, chunk.value.id))?.acceptChunk(chunk.value);
    return;
  }
  const parsed = parseFilesMessage(data);
  if (!parsed.ok) return reject(from, parsed.reason);
  const message = parsed.value;
  const arriving = incoming.get(incomingKey(from.id, message.id));
  switch (message.type) {
    case 'files:offer':
      return onOffer(message, from);
    case 'files:end':
      return void arriving?.end(message.digest);
    case 'files:cancel':
      arriving?.cancelledBySender();
      outgoing.get(message.id)?.receive(message, from.id);
      return;
    case 'files:ack':
    case 'files:verified':
      outgoing.get(message.id)?.receive(message, from.id);
      return;
  }
});

// ---- peers ---------------------------------------------------------------------------------

function listRecipients(peers: tfx.Peer[]): void {
  const chosen = recipientSelect.value;
  const options = [new Option(words.everyone, EVERYONE)];
  for (const peer of peers) options.push(new Option(peer.name, peer.id));
  recipientSelect.replaceChildren(...options);
  recipientSelect.value = peers.some((peer) => peer.id === chosen) ? chosen : EVERYONE;
}

tfx.onPeersChanged(listRecipients);
tfx.onPeerLeft((peer) => {
  for (const transfer of outgoing.values()) transfer.peerLeft(peer.id);
  for (const transfer of incoming.values()) if (transfer.from.id === peer.id) transfer.senderLeft();
});

await tfx.ready();
words = tfx.stringsFor(FILES_STRINGS);
document.documentElement.lang = tfx.language();
document.querySelector('#to-label')!.textContent = words.sendTo;
document.querySelector('#choose')!.textContent = words.choose;
document.querySelector('#picker')!.setAttribute('aria-label', words.filesToSend);
empty.textContent = words.empty;
list.setAttribute('aria-label', words.transfers);
listRecipients(tfx.peers());
recipientSelect.disabled = false;
document.querySelector<HTMLButtonElement>('#choose')!.disabled = false;

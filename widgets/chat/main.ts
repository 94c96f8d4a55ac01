import * as tfx from '@tfx/sdk';
import { ChatLog } from './chat-log';
import { MAX_TEXT, parseChatMessage, type ChatLine, type ChatMessage } from './chat-protocol';

const form = document.querySelector<HTMLFormElement>('#compose')!;
const input = document.querySelector<HTMLTextAreaElement>('#text')!;
const problem = document.querySelector<HTMLElement>('#problem')!;
const log = new ChatLog(
  document.querySelector<HTMLOListElement>('#log')!,
  document.querySelector<HTMLElement>('#empty')!,
  () => tfx.self().id,
);

let unread = 0;
let sequence = 0;

function countUnread(added: number): void {
  if (tfx.isVisible() || added === 0) return;
  unread += added;
  tfx.setBadge(unread);
}

function send(message: ChatMessage, to?: string): Promise<void> {
  return tfx.sendMessage(message, to === undefined ? {} : { to });
}

async function submit(): Promise<void> {
  const text = input.value.trim().slice(0, MAX_TEXT);
  if (text === '') return;
  // Someone can type before the host has connected the frame; wait for it instead of failing.
  await tfx.ready();
  const me = tfx.self();
  const line: ChatLine = {
    id: `${me.id}:${Date.now()}:${sequence++}`,
    author: me.name,
    text,
    at: Date.now(),
  };
  log.add([line]);
  input.value = '';
  problem.textContent = '';
  try {
    await send({ type: 'chat:line', line });
  } catch (error) {
    problem.textContent = `Not delivered: ${(error as Error).message}`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    void submit();
  }
});

tfx.onMessage((data, from) => {
  const message = parseChatMessage(data);
  if (!message) {
    console.warn(`[chat] ignored a malformed message from ${from.name}`);
    return;
  }
  if (message.type === 'chat:line') {
    // The host vouches for who sent a live line; the name in it is only a fallback.
    countUnread(log.add([{ ...message.line, author: from.name || message.line.author }]));
  } else {
    log.add(message.lines);
  }
});

// A late joiner gets the conversation so far (each peer sends it; duplicates merge).
tfx.onPeerJoined((peer) => {
  const lines = log.recent();
  if (lines.length > 0) void send({ type: 'chat:history', lines }, peer.id).catch(() => undefined);
});

tfx.onVisibilityChanged((visible) => {
  if (!visible) return;
  unread = 0;
  tfx.setBadge(0);
  input.focus();
});

// Only now can a line go anywhere; the page kept the composer disabled until here.
document.querySelector<HTMLFieldSetElement>('#controls')!.disabled = false;

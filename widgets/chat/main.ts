import * as tfx from '@tfx/sdk';
import { ChatLog } from './chat-log';
import { ChatModel } from './chat-model';
import { MAX_TEXT, parseChatMessage, type ChatLine, type ChatMessage } from './chat-protocol';

// The call's colours, from the SDK: the page's styles switch on data-theme.
const showTheme = (theme: tfx.Theme): void => {
  document.documentElement.dataset.theme = theme;
};
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

const form = document.querySelector<HTMLFormElement>('#compose')!;
const input = document.querySelector<HTMLTextAreaElement>('#text')!;
const problem = document.querySelector<HTMLElement>('#problem')!;
const model = new ChatModel();
const log = new ChatLog(
  model,
  document.querySelector<HTMLOListElement>('#log')!,
  document.querySelector<HTMLElement>('#empty')!,
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
  model.addMine(line);
  log.render();
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
  const parsed = parseChatMessage(data);
  if (!parsed.ok) {
    console.warn(`[chat] ignored a malformed message from ${from.name}: ${parsed.reason}`);
    return;
  }
  const message = parsed.value;
  // The host vouches for who sent a message; the names and ids in it are only their word.
  if (message.type === 'chat:line') {
    if (!model.addLive(message.line, from)) return;
    countUnread(1);
  } else if (model.addHistory(message.lines, from) === 0) return;
  log.render();
});

// A late joiner gets the conversation so far (each peer sends it; duplicates merge).
tfx.onPeerJoined((peer) => {
  const lines = model.recent();
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

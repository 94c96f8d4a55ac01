import { createLogger } from '../shared/log.js';
import { frameUrl, loadRegistry } from '../widget-host/load-registry.js';
import { MemoryRoom } from '../widget-host/memory-room.js';
import { addSimulatedPeer } from './simulated-peer.js';
import { playgroundHint } from './playground-hint.js';

const NAMES = ['Ana', 'Bea', 'Cal', 'Dan', 'Eve', 'Fay'];
/** As many people as a call holds. */
const MAX_PEERS = 6;
const log = createLogger('playground');
const status = document.querySelector<HTMLElement>('#status')!;
const peers = document.querySelector<HTMLElement>('#peers')!;
const picker = document.querySelector<HTMLSelectElement>('#widget')!;
const delay = document.querySelector<HTMLInputElement>('#delay')!;
const loss = document.querySelector<HTMLInputElement>('#loss')!;

async function main(): Promise<void> {
  const base = new URL('/', location.href);
  const registry = await loadRegistry(base, { pagesDir: 'widgets' });
  if (registry.errors.length > 0) status.textContent = registry.errors.join('; ');
  const params = new URLSearchParams(location.search);
  const chosen =
    registry.entries.find((entry) => entry.id === params.get('widget')) ?? registry.entries[0];
  if (!chosen) {
    status.textContent = 'No widgets in widgetmanifest.json yet: try npm run widget:new <id>.';
    return;
  }
  for (const entry of registry.entries)
    picker.add(new Option(entry.title, entry.id, false, entry === chosen));
  picker.addEventListener('change', () => {
    params.set('widget', picker.value);
    location.search = params.toString();
  });

  const room = new MemoryRoom();
  const widget = { id: chosen.id, title: chosen.title, url: frameUrl(chosen, base) };
  const conditions = () => {
    room.conditions = { delayMs: Number(delay.value) || 0, lossPercent: Number(loss.value) || 0 };
  };
  delay.addEventListener('change', conditions);
  loss.addEventListener('change', conditions);

  const hint = playgroundHint(chosen);
  const addButton = document.querySelector<HTMLButtonElement>('#add-peer')!;
  // A call holds six: so does the playground, and Add peer says so when it is full.
  const present = () => peers.querySelectorAll('section.peer').length;
  const fitAddButton = () => {
    const full = present() >= MAX_PEERS;
    addButton.disabled = full;
    addButton.title = full ? `A call holds ${MAX_PEERS} people at most` : '';
  };
  let joined = 0;
  const addPeer = () => {
    if (present() >= MAX_PEERS) return;
    const name = NAMES[joined % NAMES.length]! + (joined >= NAMES.length ? ` ${joined + 1}` : '');
    joined += 1;
    addSimulatedPeer(room, widget, name, peers, log, fitAddButton);
    fitAddButton();
  };
  addButton.addEventListener('click', addPeer);
  const asked = Number(params.get('peers')) || 2;
  const count = Math.min(MAX_PEERS, Math.max(2, asked));
  for (let index = 0; index < count; index++) addPeer();
  status.textContent =
    asked > MAX_PEERS
      ? `${hint} A call holds ${MAX_PEERS} people at most: ${count} started.`
      : hint;
}

void main().catch((error: unknown) => {
  status.textContent = `The playground failed to start: ${String(error)}`;
});

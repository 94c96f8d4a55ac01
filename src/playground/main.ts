import { createLogger } from '../shared/log.js';
import { frameUrl, loadRegistry } from '../widget-host/load-registry.js';
import { MemoryRoom } from '../widget-host/memory-room.js';
import { addSimulatedPeer } from './simulated-peer.js';

const NAMES = ['Ana', 'Bea', 'Cal', 'Dan'];
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

  let joined = 0;
  const addPeer = () => {
    const name = NAMES[joined % NAMES.length]! + (joined >= NAMES.length ? ` ${joined + 1}` : '');
    joined += 1;
    addSimulatedPeer(room, widget, name, peers, log);
  };
  document.querySelector('#add-peer')!.addEventListener('click', addPeer);
  const count = Math.min(4, Math.max(2, Number(params.get('peers')) || 2));
  for (let index = 0; index < count; index++) addPeer();
  status.textContent = `${chosen.title}: edit widgets/${chosen.id}/ and save — each peer's frame reloads.`;
}

void main().catch((error: unknown) => {
  status.textContent = `The playground failed to start: ${String(error)}`;
});

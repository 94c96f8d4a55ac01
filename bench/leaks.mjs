// What a long call leaves behind. Six people in one room, cameras on, for BENCH_LEAK_MINUTES
// (10 by default): every 30 s one of five of them leaves (Leave, then closes the window) and comes
// back in a new one; the sixth, Ana, stays throughout. Then Ana opens and closes a widget 100
// times. After a warm-up cycle, and again at the end, it records (after forcing a garbage
// collection) Ana's JavaScript heap, DOM nodes, event listeners, frames and documents, the
// peer connections her page holds, every browser's memory and the signalling server's RSS.
// Growth that scales with the departures is a leak: links, listeners or frames kept for
// peers who have gone.
import { readFileSync } from 'node:fs';
import { joinNow, launch } from './harness.mjs';
import { browserMemory } from '../test/e2e/harness/process-memory.mjs';

const MINUTES = Number(process.env.BENCH_LEAK_MINUTES ?? 10);
const CYCLE_MS = 30_000;
const WIDGET_TOGGLES = Number(process.env.BENCH_LEAK_TOGGLES ?? 100);
const NAMES = ['Ana', 'Bea', 'Cal', 'Dan', 'Eve', 'Fay'];

// Every peer connection a page makes, held weakly: one still reachable after a collection, and
// closed, is one something kept.
function watchPeerConnections() {
  const Original = RTCPeerConnection;
  const made = [];
  globalThis.__tfxBenchConnections = made;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(config) {
      super(config);
      made.push(new WeakRef(this));
    }
  };
}

async function joinAs(person, room, name) {
  const page = await person.context.newPage();
  await page.goto(`chrome-extension://${person.id}/src/call/call.html?room=${room}&name=${name}`, {
    waitUntil: 'domcontentloaded',
  });
  await joinNow(page);
  await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 60_000 });
  return page;
}

async function pageFigures(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((entry) => entry.name === name)?.value ?? 0;
  const connections = await page.evaluate(() => {
    const refs = globalThis.__tfxBenchConnections ?? [];
    const alive = refs.map((ref) => ref.deref()).filter(Boolean);
    return {
      open: alive.filter((pc) => pc.connectionState !== 'closed').length,
      closedButKept: alive.filter((pc) => pc.connectionState === 'closed').length,
    };
  });
  return {
    heapMiB: metric('JSHeapUsedSize') / 2 ** 20,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    frames: metric('Frames'),
    documents: metric('Documents'),
    ...connections,
  };
}

const rssMiB = (pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function snapshot(ana, cdp, people, serverPid) {
  return {
    ana: await pageFigures(ana, cdp),
    browsersMiB: people.map((person) => browserMemory(person.pid) / 2 ** 20),
    serverMiB: rssMiB(serverPid),
  };
}

async function toggleWidget(page, title) {
  const widgets = page.getByRole('button', { name: 'Widgets', exact: true });
  if ((await widgets.getAttribute('aria-expanded')) !== 'true') await widgets.click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('button', { name: `Close ${title}` }).click();
}

export async function benchLeaks({ serverPid }) {
  const people = await Promise.all(NAMES.map(() => launch()));
  for (const person of people) await person.context.addInitScript(watchPeerConnections);
  const room = `bench-leak-${Date.now()}`;
  try {
    const pages = [];
    for (const [index, person] of people.entries())
      pages.push(await joinAs(person, room, NAMES[index]));
    const ana = pages[0];
    const cdp = await ana.context().newCDPSession(ana);
    await cdp.send('Performance.enable');
    let departures = 0;
    const cycle = async () => {
      const leaver = 1 + (departures % (NAMES.length - 1));
      // Leave, then close the window: a window closed without leaving keeps its place for the
      // server's grace period, and a sixth person would find the room full.
      await pages[leaver].getByRole('button', { name: 'Leave' }).click();
      await pages[leaver].getByRole('button', { name: 'Rejoin' }).waitFor();
      await pages[leaver].close();
      pages[leaver] = await joinAs(people[leaver], room, NAMES[leaver]);
      departures++;
    };
    // Warm-up: the first departure and return, and the first open of the widget.
    await cycle();
    await toggleWidget(ana, 'Chat');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const start = await snapshot(ana, cdp, people, serverPid);
    const end = Date.now() + MINUTES * 60_000;
    while (Date.now() < end) {
      const next = Date.now() + CYCLE_MS;
      await cycle();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
    const afterCall = await snapshot(ana, cdp, people, serverPid);
    for (let toggle = 0; toggle < WIDGET_TOGGLES; toggle++) await toggleWidget(ana, 'Chat');
    const afterWidget = await snapshot(ana, cdp, people, serverPid);
    report(start, afterCall, afterWidget, departures - 1);
  } finally {
    await Promise.all(people.map((person) => person.context.close()));
  }
}

function report(start, afterCall, afterWidget, departures) {
  console.log(
    `\nLeaks: six people, cameras on, ${MINUTES} min, ${departures} departures and returns, then ${WIDGET_TOGGLES} opens and closes of Chat (figures after a forced GC)`,
  );
  console.log(
    `${'Ana, who stayed'.padEnd(34)} ${'start'.padStart(9)} ${'after call'.padStart(11)} ${'growth'.padStart(8)} ${'after widget'.padStart(13)} ${'growth'.padStart(8)}`,
  );
  const row = (label, pick, digits = 0) => {
    const [a, b, c] = [start, afterCall, afterWidget].map(pick);
    const growth = (from, to) => (from > 0 ? `${(((to - from) / from) * 100).toFixed(1)}%` : '');
    console.log(
      `${label.padEnd(34)} ${a.toFixed(digits).padStart(9)} ${b.toFixed(digits).padStart(11)} ${growth(a, b).padStart(8)} ${c.toFixed(digits).padStart(13)} ${growth(b, c).padStart(8)}`,
    );
  };
  row('JS heap, MiB', (s) => s.ana.heapMiB, 1);
  row('DOM nodes', (s) => s.ana.nodes);
  row('event listeners', (s) => s.ana.listeners);
  row('frames', (s) => s.ana.frames);
  row('documents', (s) => s.ana.documents);
  row('peer connections open', (s) => s.ana.open);
  row('peer connections closed, kept', (s) => s.ana.closedButKept);
  row('her browser, all processes, MiB', (s) => s.browsersMiB[0], 0);
  row('all six browsers, MiB', (s) => s.browsersMiB.reduce((x, y) => x + y, 0), 0);
  row('signalling server RSS, MiB', (s) => s.serverMiB, 1);
}

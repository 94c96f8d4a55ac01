// `npm run bench`: second peer's join → DataChannel open and → first remote frame, for the
// extension and for a bare WebRTC page on the same signalling server, in the same two browsers,
// interleaved run by run so both see the same machine.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import chromiumFlags from '../test/e2e/harness/chromium-flags.json' with { type: 'json' };
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DEFAULT_CONFIG } from '../build/server/server/config.js';
import { createSignallingServer } from '../build/server/server/create-server.js';
import { createServerLogger } from '../build/server/server/logger.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SIGNALLING = 'http://127.0.0.1:8084';
const DIST = join(process.cwd(), 'dist');

function serveBarePage() {
  const files = {
    '/bare.html': 'bench/bare/bare.html',
    '/bare.js': 'bench/bare/bare.js',
    '/socket.io.esm.min.js': 'node_modules/socket.io-client/dist/socket.io.esm.min.js',
  };
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url, 'http://x').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function launch() {
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'tfx-bench-')),
    {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        `--disable-extensions-except=${DIST}`,
        `--load-extension=${DIST}`,
        '--use-fake-device-for-media-stream', // one camera at its default 30 fps, as a person has
        ...chromiumFlags.flags,
      ],
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(worker.url()).host };
}

/** Waits for the marks and returns them relative to the join. */
async function momentsOf(page) {
  await page.waitForFunction(
    () =>
      ['tfx:datachannel-open', 'tfx:first-remote-frame'].every(
        (name) => performance.getEntriesByName(name).length > 0,
      ),
    null,
    { timeout: 30_000, polling: 20 },
  );
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    const join = at('tfx:join-sent');
    return {
      channel: at('tfx:datachannel-open') - join,
      frame: at('tfx:first-remote-frame') - join,
    };
  });
}

async function oneJoin(first, second, urlFor, readyOf, room) {
  const a = await first.context.newPage();
  await a.goto(urlFor(first, room, 'A'), { waitUntil: 'domcontentloaded' });
  await readyOf(a);
  const b = await second.context.newPage();
  await b.goto(urlFor(second, room, 'B'), { waitUntil: 'domcontentloaded' });
  const moments = await momentsOf(b);
  await Promise.all([a.close(), b.close()]);
  return moments;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const signalling = createSignallingServer(
  { ...DEFAULT_CONFIG, port: 8084 },
  createServerLogger('silent'),
);
await signalling.listen();
const bare = await serveBarePage();
const barePort = bare.address().port;
const [first, second] = await Promise.all([launch(), launch()]);

const variants = {
  extension: {
    url: (person, room, name) =>
      `chrome-extension://${person.id}/src/call/call.html?room=${room}&name=${name}`,
    ready: (page) => page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 30_000 }),
  },
  bare: {
    url: (_person, room) =>
      `http://127.0.0.1:${barePort}/bare.html?room=${room}&server=${encodeURIComponent(SIGNALLING)}`,
    ready: (page) =>
      page.waitForFunction(() => document.title === 'joined', null, { timeout: 30_000 }),
  },
};
const results = { extension: { channel: [], frame: [] }, bare: { channel: [], frame: [] } };

// One warm-up each (first launch of code paths and the fake camera), not counted.
for (const [name, variant] of Object.entries(variants))
  await oneJoin(first, second, variant.url, variant.ready, `warm-${name}`);
for (let run = 0; run < RUNS; run++) {
  for (const [name, variant] of Object.entries(variants)) {
    const moments = await oneJoin(
      first,
      second,
      variant.url,
      variant.ready,
      `bench-${name}-${run}`,
    );
    results[name].channel.push(moments.channel);
    results[name].frame.push(moments.frame);
  }
}

await Promise.all([first.context.close(), second.context.close()]);
bare.close();
await signalling.close();

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
const row = (label, metric, p) => {
  const ext = percentile(results.extension[metric], p);
  const ref = percentile(results.bare[metric], p);
  return `${label.padEnd(34)} ${fmt(ext)}   ${fmt(ref)}   ${(ext / ref).toFixed(2).padStart(5)}×`;
};
console.log(`\nSecond peer's join → …, ${RUNS} joins each, loopback, 2 headless Chromium profiles`);
console.log(
  `${''.padEnd(34)} ${'extension'.padStart(9)}   ${'bare page'.padStart(9)}   ratio (target ≤ 1.10×)`,
);
console.log(row('DataChannel open, p50', 'channel', 50));
console.log(row('DataChannel open, p95', 'channel', 95));
console.log(row('first remote video frame, p50', 'frame', 50));
console.log(row('first remote video frame, p95', 'frame', 95));

// Second peer's join → DataChannel open and → first remote frame, for the extension, for the
// web client the server serves (the same call page outside the extension) and for a bare
// WebRTC page, on the same signalling server, in the same two browsers, interleaved run by run
// so all three see the same machine.
import { fmt, joinNow, percentile, SIGNALLING } from './harness.mjs';

/**
 * Waits for the marks and returns them relative to the join: for the extension and the web
 * client, the click on Join now (what the person waits through); for the bare page, which has
 * no such step, the moment it sends its join, after its camera and its socket are up.
 */
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
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    const join = at('tfx:join-clicked') ?? at('tfx:join-sent');
    return {
      channel: at('tfx:datachannel-open') - join,
      frame: at('tfx:first-remote-frame') - join,
      sent: at('tfx:join-sent') - join,
    };
  });
}

async function oneJoin(first, second, variant, room) {
  const a = await first.context.newPage();
  await a.goto(variant.url(first, room, 'A'), { waitUntil: 'domcontentloaded' });
  await variant.enter(a);
  await variant.ready(a);
  const b = await second.context.newPage();
  await b.goto(variant.url(second, room, 'B'), { waitUntil: 'domcontentloaded' });
  await variant.enter(b);
  const moments = await momentsOf(b);
  await Promise.all([a.close(), b.close()]);
  return moments;
}

export async function benchJoinLatency({ first, second, barePort, runs }) {
  const variants = {
    extension: {
      url: (person, room, name) =>
        `chrome-extension://${person.id}/src/call/call.html?room=${room}&name=${name}`,
      // The pre-join step waits for the person; the join is timed from its Join now.
      enter: joinNow,
      ready: (page) => page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 30_000 }),
    },
    web: {
      url: (_person, room, name) => `${SIGNALLING}/call?room=${room}&name=${name}`,
      enter: joinNow,
      ready: (page) => page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 30_000 }),
    },
    bare: {
      url: (_person, room) =>
        `http://127.0.0.1:${barePort}/bare.html?room=${room}&server=${encodeURIComponent(SIGNALLING)}`,
      enter: async () => {},
      ready: (page) =>
        page.waitForFunction(() => document.title === 'joined', null, { timeout: 30_000 }),
    },
  };
  const results = Object.fromEntries(
    Object.keys(variants).map((name) => [name, { channel: [], frame: [], sent: [] }]),
  );

  // One warm-up each (first launch of code paths and the fake camera), not counted.
  for (const [name, variant] of Object.entries(variants))
    await oneJoin(first, second, variant, `warm-${name}`);
  for (let run = 0; run < runs; run++) {
    for (const [name, variant] of Object.entries(variants)) {
      const moments = await oneJoin(first, second, variant, `bench-${name}-${run}`);
      results[name].channel.push(moments.channel);
      results[name].frame.push(moments.frame);
      results[name].sent.push(moments.sent);
    }
  }

  const row = (label, metric, p, measured = 'extension', reference = 'bare') => {
    const ext = percentile(results[measured][metric], p);
    const ref = percentile(results[reference][metric], p);
    return `${label.padEnd(34)} ${fmt(ext)}   ${fmt(ref)}   ${(ext / ref).toFixed(2).padStart(5)}×`;
  };
  console.log(
    `\nSecond peer's join → …, ${runs} joins each, loopback, 2 headless Chromium profiles`,
  );
  console.log(
    `${''.padEnd(34)} ${'extension'.padStart(9)}   ${'bare page'.padStart(9)}   ratio (goal ≤ 1.0×, frame ≤ 0.8×)`,
  );
  console.log(row('DataChannel open, p50', 'channel', 50));
  console.log(row('DataChannel open, p95', 'channel', 95));
  console.log(row('first remote video frame, p50', 'frame', 50));
  console.log(row('first remote video frame, p95', 'frame', 95));
  console.log(
    `${'extension: Join now → join sent, p50'.padEnd(34)} ${fmt(percentile(results.extension.sent, 50))}`,
  );
  console.log(
    `\n${''.padEnd(34)} ${'web page'.padStart(9)}   ${'extension'.padStart(9)}   ratio (target ≤ 1.10×)`,
  );
  for (const [label, metric, p] of [
    ['web client: DataChannel open, p50', 'channel', 50],
    ['web client: DataChannel open, p95', 'channel', 95],
    ['web client: first frame, p50', 'frame', 50],
    ['web client: first frame, p95', 'frame', 95],
  ])
    console.log(row(label, metric, p, 'web', 'extension'));
}

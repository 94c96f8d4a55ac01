// The widget bus against a raw DataChannel, in the same two browsers, with both calls up for the
// whole run so both see the same load; measurements alternate block by block.
//   - one-way latency (half a ping round trip) through the SDK vs the raw channel;
//   - 64 MiB moved through the SDK (1 MiB messages) vs the raw channel (16 KiB messages);
//   - a second widget's ping while the SDK transfer runs (the "chat during a file transfer" case);
//   - the same again in a call of three with every camera on, a third browser joining.
import { measureFrameHops, printFrameHops } from './frame-hop.mjs';
import { bareCall, fmt, joinNow, launch, openExtensionCall, percentile } from './harness.mjs';

const MIB = 1024 * 1024;
const TRANSFER_BYTES = Number(process.env.BENCH_TRANSFER_MIB ?? 64) * MIB;
const PINGS_PER_BLOCK = 100;
const BLOCKS = 3;
const TRANSFERS = 3;

async function frameOf(page, path) {
  for (let tries = 0; tries < 300; tries++) {
    const frame = page.frames().find((candidate) => candidate.url().includes(path));
    if (frame && (await frame.evaluate(() => globalThis.probe?.ready()).catch(() => 0)) > 0)
      return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`no connected frame ${path}`);
}

async function extensionCall(first, second, room, { cameras = false, third } = {}) {
  const pages = await openExtensionCall(first, second, room, { cameras });
  if (third) {
    const c = await third.context.newPage();
    await c.goto(`chrome-extension://${third.id}/src/call/call.html?room=${room}&name=C`, {
      waitUntil: 'domcontentloaded',
    });
    await joinNow(c);
    await c.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 30_000 });
    pages.push(c);
  }
  const [a, b] = pages;
  // Each widget opens from the Widgets menu, which closes once one is chosen.
  for (const title of ['Probe', 'Probe chat']) {
    await a.getByRole('button', { name: 'Widgets', exact: true }).click();
    await a.getByRole('button', { name: title, exact: true }).click();
  }
  const probe = await frameOf(a, '/widgets/tfx-test-probe/index.html');
  const chat = await frameOf(a, '/widgets/tfx-test-probe-chat/index.html');
  // The far side's frames must be up too before anything is measured.
  await frameOf(b, '/widgets/tfx-test-probe/index.html');
  await frameOf(b, '/widgets/tfx-test-probe-chat/index.html');
  return { pages, probe, chat };
}

const pings = (target, name, count) =>
  target.evaluate(
    async ([api, n]) => {
      const rtts = [];
      for (let i = 0; i < n; i++) rtts.push(await globalThis[api].ping());
      return rtts;
    },
    [name, count],
  );

const transfer = (target, name) =>
  target.evaluate(
    ([api, total, chunk]) => globalThis[api].transfer(total, chunk),
    [name, TRANSFER_BYTES, name === 'raw' ? 16 * 1024 : MIB],
  );

export async function benchWidgetBus({ first, second, barePort }) {
  const sdk = await extensionCall(first, second, `bench-bus-${Date.now()}`);
  const bare = await bareCall(first, second, barePort, `bench-raw-${Date.now()}`);
  const oneWay = { sdk: [], raw: [] };
  const seconds = { sdk: [], raw: [] };
  const chatDuringTransfer = [];
  const rawDuringTransfer = [];
  // One-way, timed by the far side with the shared wall clock (both browsers are on this machine).
  const chatForward = [];

  await pings(sdk.probe, 'probe', 20); // warm-up, not counted
  await pings(bare.raw, 'raw', 20);
  for (let block = 0; block < BLOCKS; block++) {
    oneWay.sdk.push(...(await pings(sdk.probe, 'probe', PINGS_PER_BLOCK)).map((rtt) => rtt / 2));
    oneWay.raw.push(...(await pings(bare.raw, 'raw', PINGS_PER_BLOCK)).map((rtt) => rtt / 2));
  }
  const hops = await measureFrameHops(bare.raw);
  for (let run = 0; run < TRANSFERS; run++) {
    const expected = seconds.sdk.at(-1) ?? seconds.raw.at(-1) ?? 5;
    const [rawTook, rawRtts] = await Promise.all([
      transfer(bare.raw, 'raw'),
      bare.raw.evaluate((ms) => globalThis.raw.pingFor(ms, 20), expected * 800),
    ]);
    seconds.raw.push(rawTook / 1000);
    rawDuringTransfer.push(...rawRtts);
    const [took, chatRtts] = await Promise.all([
      transfer(sdk.probe, 'probe'),
      // Pings every 20 ms from the other widget for most of the transfer.
      sdk.chat.evaluate((ms) => globalThis.probe.pingFor(ms, 20), expected * 800),
    ]);
    seconds.sdk.push(took / 1000);
    chatForward.push(...(await sdk.chat.evaluate(() => globalThis.probe.forwardDelays())));
    // The whole round trip, not half: the pong comes back on the quiet direction, so half of it
    // would understate how long a message waits behind the transfer.
    chatDuringTransfer.push(...chatRtts);
  }
  await Promise.all([...sdk.pages, ...bare.pages].map((page) => page.close()));
  const withVideo = await chatDuringTransferWithVideo(first, second);

  const mbps = (s) => TRANSFER_BYTES / MIB / s;
  const median = (values) => percentile(values, 50);
  const ms = (value) => `${value.toFixed(2).padStart(7)} ms`;
  console.log(
    `\nWidget bus vs raw DataChannel, loopback, same browsers (${BLOCKS * PINGS_PER_BLOCK} pings, ${TRANSFERS} × 64 MiB each)`,
  );
  console.log(`${''.padEnd(40)} ${'SDK'.padStart(10)}   ${'raw'.padStart(10)}   ratio   goal`);
  for (const [label, p, goal] of [
    ['one-way latency, p50', 50, '≤ 1.5×'],
    ['one-way latency, p99', 99, '≤ 2×'],
  ]) {
    const s = percentile(oneWay.sdk, p);
    const r = percentile(oneWay.raw, p);
    console.log(`${label.padEnd(40)} ${ms(s)}   ${ms(r)}   ${(s / r).toFixed(2)}×   ${goal}`);
  }
  const sdkRate = mbps(median(seconds.sdk));
  const rawRate = mbps(median(seconds.raw));
  console.log(
    `${'64 MiB throughput (median)'.padEnd(40)} ${`${sdkRate.toFixed(1)} MiB/s`.padStart(10)}   ${`${rawRate.toFixed(1)} MiB/s`.padStart(10)}   ${(sdkRate / rawRate).toFixed(2)}×   ≥ 0.8×`,
  );
  console.log(
    `${'other widget one-way during transfer'.padEnd(40)} p50 ${fmt(percentile(chatForward, 50))}, p99 ${fmt(percentile(chatForward, 99))} (goal p99 ≤ 50 ms)`,
  );
  console.log(
    `${'  the same, 3 people, cameras on'.padEnd(40)} p50 ${fmt(percentile(withVideo, 50))}, p99 ${fmt(percentile(withVideo, 99))} (goal p99 ≤ 100 ms)`,
  );
  console.log(
    `${'other widget round trip during transfer'.padEnd(40)} p50 ${fmt(percentile(chatDuringTransfer, 50))}, p99 ${fmt(percentile(chatDuringTransfer, 99))} (${chatDuringTransfer.length} pings)`,
  );
  console.log(
    `${'raw: a ping on the channel during its transfer'.padEnd(40)} p50 ${fmt(percentile(rawDuringTransfer, 50))}, p99 ${fmt(percentile(rawDuringTransfer, 99))} round trip (${rawDuringTransfer.length} pings)`,
  );
  printFrameHops(hops, oneWay);
}

/**
 * The second widget's one-way delay during a transfer in a call of three with every camera on:
 * the encoders and decoders of six video streams compete for the same two cores.
 */
async function chatDuringTransferWithVideo(first, second) {
  const third = await launch();
  try {
    const call = await extensionCall(first, second, `bench-bus-video-${Date.now()}`, {
      cameras: true,
      third,
    });
    await call.pages[0].waitForTimeout(3000); // the encoders settle
    const forward = [];
    for (let run = 0; run < TRANSFERS; run++) {
      await Promise.all([
        transfer(call.probe, 'probe'),
        call.chat.evaluate((ms) => globalThis.probe.pingFor(ms, 20), 3000),
      ]);
      forward.push(...(await call.chat.evaluate(() => globalThis.probe.forwardDelays())));
    }
    await Promise.all(call.pages.map((page) => page.close()));
    return forward;
  } finally {
    await third.context.close();
  }
}

// What one crossing between a page and a widget's frame costs, measured apart from the bus so
// the SDK's one-way latency can be split into the channel, the crossings and the host's work.
// A bare page (no extension) sends a message on a MessagePort, the host's way of talking to a
// widget, to an echoing frame and times the round trip: to a sandboxed frame without
// allow-same-origin (an opaque origin, like every widget), to a same-origin frame, and between
// two ports of the page itself (no crossing at all).
import { percentile } from './harness.mjs';

const ROUND_TRIPS = 2000;
const PER_BATCH = 20;
const WARM_UP = 100;

export async function measureFrameHops(page) {
  return page.evaluate(
    async ([count, warmUp, perBatch]) => {
      // The page's clock ticks in 0.1 ms steps, so each sample is the mean of a batch of
      // round trips in a row.
      const timeRoundTrips = async (port) => {
        const roundTrip = () =>
          new Promise((resolve) => {
            port.onmessage = resolve;
            port.postMessage(0);
          });
        for (let i = 0; i < warmUp; i++) await roundTrip();
        const times = [];
        for (let batch = 0; batch < count / perBatch; batch++) {
          const started = performance.now();
          for (let i = 0; i < perBatch; i++) await roundTrip();
          times.push((performance.now() - started) / perBatch);
        }
        return times;
      };
      const framePort = async (sandboxed) => {
        const frame = document.createElement('iframe');
        if (sandboxed) frame.sandbox.add('allow-scripts');
        frame.src = '/hop-echo.html';
        await new Promise((resolve) => {
          frame.onload = resolve;
          document.body.append(frame);
        });
        const { port1, port2 } = new MessageChannel();
        frame.contentWindow.postMessage('port', '*', [port2]);
        return port1;
      };
      const inPage = new MessageChannel();
      inPage.port2.onmessage = (message) => inPage.port2.postMessage(message.data);
      return {
        sandboxed: await timeRoundTrips(await framePort(true)),
        sameOrigin: await timeRoundTrips(await framePort(false)),
        inPage: await timeRoundTrips(inPage.port1),
      };
    },
    [ROUND_TRIPS, WARM_UP, PER_BATCH],
  );
}

const ms = (value) => `${value.toFixed(3)} ms`;
const half = (times) => times.map((time) => time / 2);

/** The hops, then the SDK's one-way p50 split into the channel, two crossings and the rest. */
export function printFrameHops(hops, oneWay) {
  console.log(
    `\nOne frame crossing, one way (half a MessagePort round trip; ${ROUND_TRIPS} round trips each, timed in batches of ${PER_BATCH})`,
  );
  for (const [label, times] of [
    ['page ↔ sandboxed frame (as a widget)', hops.sandboxed],
    ['page ↔ same-origin frame', hops.sameOrigin],
    ['two ports in one page (no crossing)', hops.inPage],
  ]) {
    const each = half(times);
    console.log(
      `${label.padEnd(40)} median ${ms(percentile(each, 50))}, slowest batch ${ms(Math.max(...each))}`,
    );
  }
  const crossings = 2 * percentile(half(hops.sandboxed), 50);
  const sdk = percentile(oneWay.sdk, 50);
  const raw = percentile(oneWay.raw, 50);
  console.log(
    `SDK one-way p50 ${ms(sdk)} = raw channel ${ms(raw)} + 2 crossings ${ms(crossings)} + host and SDK work ${ms(sdk - raw - crossings)}`,
  );
}

// The raw-DataChannel reference for the widget bus bench: the same ping / transfer / pingFor the
// probe widget offers (test/fixtures/widgets/probe), done directly on an RTCDataChannel the way a
// careful app would: 16 KiB messages (the interoperable size), bufferedAmountLowThreshold
// backpressure, JSON control messages as strings. Its watermarks are the bus's ceiling
// (src/widget-host/frame-scheduler.ts: at most 256 KiB buffered, refilled at a quarter). The bus
// sizes its buffer between 32 and 256 KiB from the measured drain rate, so this queue is never
// shallower than the bus's: a little kinder to raw throughput, a little harder on the latency
// of a ping sent behind a transfer.
const HIGH_WATERMARK = 256 * 1024;
const LOW_WATERMARK = HIGH_WATERMARK / 4;

export function attachRaw(channel) {
  channel.binaryType = 'arraybuffer';
  channel.bufferedAmountLowThreshold = LOW_WATERMARK;
  const waitingPongs = new Map();
  let expected = 0;
  let received = 0;
  let transferDone;
  let nextPing = 0;

  channel.addEventListener('message', ({ data }) => {
    if (data instanceof ArrayBuffer) {
      received += data.byteLength;
      if (expected > 0 && received >= expected) {
        expected = 0;
        channel.send(JSON.stringify({ t: 'done' }));
      }
      return;
    }
    const control = JSON.parse(data);
    if (control.t === 'ping') channel.send(JSON.stringify({ t: 'pong', id: control.id }));
    else if (control.t === 'pong') waitingPongs.get(control.id)?.();
    else if (control.t === 'expect') {
      expected = control.bytes;
      received = 0;
    } else if (control.t === 'done') transferDone?.();
  });

  async function ping() {
    const id = nextPing++;
    const start = performance.now();
    const pong = new Promise((resolve) => waitingPongs.set(id, resolve));
    channel.send(JSON.stringify({ t: 'ping', id }));
    await pong;
    waitingPongs.delete(id);
    return performance.now() - start;
  }

  async function transfer(total, chunk) {
    channel.send(JSON.stringify({ t: 'expect', bytes: total }));
    const done = new Promise((resolve) => (transferDone = resolve));
    const start = performance.now();
    const piece = new Uint8Array(chunk);
    for (let sent = 0; sent < total; sent += chunk) {
      if (channel.bufferedAmount >= HIGH_WATERMARK) {
        await new Promise((resolve) =>
          channel.addEventListener('bufferedamountlow', resolve, { once: true }),
        );
      }
      channel.send(piece);
    }
    await done;
    return performance.now() - start;
  }

  async function pingFor(durationMs, everyMs) {
    const end = performance.now() + durationMs;
    const rtts = [];
    while (performance.now() < end) {
      rtts.push(await ping());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    return rtts;
  }

  globalThis.raw = { ready: () => Promise.resolve(1), ping, transfer, pingFor };
}

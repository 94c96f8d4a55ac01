// The raw-DataChannel reference for the widget bus bench: the same ping / transfer / pingFor the
// probe widget offers (test/fixtures/widgets/probe), done directly on an RTCDataChannel the way a
// careful app would: 16 KiB messages (the interoperable size), bufferedAmountLowThreshold
// backpressure with the same watermarks as the bus, JSON control messages as strings.
const HIGH_WATERMARK = 1024 * 1024;
const LOW_WATERMARK = 256 * 1024;

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

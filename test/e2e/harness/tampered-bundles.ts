/**
 * Test instrumentation, not product code (install with `context.addInitScript`): turns this
 * person's browser into a modified client that announces a widget's true SHA-256 but sends other
 * bytes. Every frame of a packed widget it sends on the DataChannel (widget id `_bundle`, see
 * src/protocol/peer.ts for the frame layout) has its last byte flipped on the way out, so what
 * the receiver reassembles differs from what was described, as a tampered copy would.
 */
export function tamperWithSentBundles(): void {
  const { prototype } = RTCDataChannel;
  const send = Object.getOwnPropertyDescriptor(prototype, 'send')!.value as (
    this: RTCDataChannel,
    data: unknown,
  ) => void;
  const BUNDLE = new TextEncoder().encode('_bundle');
  const HEADER_BYTES = 16;
  const isBundleFrame = (frame: Uint8Array) =>
    frame[2] === BUNDLE.length &&
    BUNDLE.every((byte, at) => frame[HEADER_BYTES + at] === byte) &&
    frame.length > HEADER_BYTES + BUNDLE.length;
  prototype.send = function (this: RTCDataChannel, data: never) {
    const raw = data as unknown;
    if (raw instanceof Uint8Array && isBundleFrame(raw)) {
      const copy = raw.slice();
      copy[copy.length - 1]! ^= 0xff;
      return send.call(this, copy);
    }
    return send.call(this, data);
  };
}

import type { Page } from 'playwright-core';

/**
 * Test instrumentation, not product code (install with `context.addInitScript`): keeps every
 * track getUserMedia hands the page, and every clone of one, so a test can see whether each
 * really stopped, even after the page dropped its own references.
 */
export function trackMediaCaptures(): void {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  const handedOut: MediaStreamTrack[] = [];
  (globalThis as { __captures?: MediaStreamTrack[] }).__captures = handedOut;
  devices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    handedOut.push(...stream.getTracks());
    return stream;
  };
  // A clone keeps the device open as long as it lives, so clones of captured tracks count too.
  const clone = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'clone')!.value as (
    this: MediaStreamTrack,
  ) => MediaStreamTrack;
  MediaStreamTrack.prototype.clone = function (this: MediaStreamTrack) {
    const copy = clone.call(this);
    if (handedOut.includes(this)) handedOut.push(copy);
    return copy;
  };
}

export interface CapturedTrack {
  kind: string;
  label: string;
  deviceId: string | undefined;
  live: boolean;
}

/** Every track getUserMedia has handed out in this page so far, and their clones, oldest first. */
export function capturedTracks(page: Page): Promise<CapturedTrack[]> {
  return page.evaluate(() =>
    ((globalThis as { __captures?: MediaStreamTrack[] }).__captures ?? []).map((track) => ({
      kind: track.kind,
      label: track.label,
      deviceId: track.getSettings().deviceId,
      live: track.readyState === 'live',
    })),
  );
}

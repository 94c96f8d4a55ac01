import type { Page } from 'playwright-core';

/**
 * Test instrumentation, not product code (install with `context.addInitScript`): keeps every
 * RTCPeerConnection a page makes reachable, so a test can read getStats() and descriptions the
 * way chrome://webrtc-internals would.
 */
export function trackPeerConnections(): void {
  const Original = RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (globalThis as { __pcs?: RTCPeerConnection[] }).__pcs = made;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  };
}

/** The ICE username fragments of the page's live connections' local descriptions. */
export function localIceUfrags(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ((globalThis as { __pcs?: RTCPeerConnection[] }).__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? ''),
  );
}

/** The width of the video each live connection is sending now (0 before the first frame). */
export function outboundVideoWidths(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const live = ((globalThis as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    return Promise.all(
      live.map(async (pc) => {
        let width = 0;
        (await pc.getStats()).forEach(
          (report: { type: string; kind?: string; frameWidth?: number }) => {
            if (report.type === 'outbound-rtp' && report.kind === 'video')
              width = report.frameWidth ?? 0;
          },
        );
        return width;
      }),
    );
  });
}

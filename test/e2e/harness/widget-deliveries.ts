import type { FrameLocator } from 'playwright-core';

interface Delivery {
  from: string;
  type: unknown;
}

/**
 * Test instrumentation, not product code (install with `context.addInitScript`): in every widget
 * frame, notes each message the host delivers (who sent it, and its JSON `type`, or for a
 * library's channel `<channel>/<op>`, such as `state:lines/snapshot`), so a test can wait until a
 * message has arrived even when the widget shows nothing new for it.
 */
export function recordWidgetDeliveries(): void {
  const deliveries: Delivery[] = [];
  (globalThis as { __deliveries?: Delivery[] }).__deliveries = deliveries;
  addEventListener(
    'message',
    (event: MessageEvent) => {
      const port = event.ports[0];
      if (event.source !== parent || !port) return;
      port.addEventListener('message', ({ data }: MessageEvent) => {
        const message = data as {
          type?: string;
          from?: { name: string };
          payload?: {
            kind: string;
            value?: { type?: unknown; '~tfx'?: unknown; data?: { op?: unknown } };
          };
        };
        if (message.type !== 'message:received') return;
        const value = message.payload?.value;
        const type =
          typeof value?.['~tfx'] === 'string'
            ? `${value['~tfx']}/${String(value.data?.op)}`
            : value?.type;
        deliveries.push({ from: message.from?.name ?? '', type });
      });
    },
    { capture: true },
  );
}

/** The names of the peers whose messages of this `type` have reached the frame so far. */
export function sendersOf(frame: FrameLocator, type: string): Promise<string[]> {
  return frame
    .locator('body')
    .evaluate(
      (_body, wanted) =>
        ((globalThis as { __deliveries?: Delivery[] }).__deliveries ?? [])
          .filter((delivery) => delivery.type === wanted)
          .map((delivery) => delivery.from),
      type,
    );
}

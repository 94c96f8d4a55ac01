import {
  BUNDLE_MESSAGE,
  CONNECT_MESSAGE,
  type HostMessage,
  type WidgetRequest,
} from '../protocol/widget.js';
import { parseWidgetRequest, requestIdOf } from '../protocol/widget-schema.js';
import { RequestGate } from './request-gate.js';

const TOO_FAST = {
  code: 'RATE_LIMITED',
  message: 'This widget asked for far more than any widget needs; slow down.',
} as const;

export interface WidgetFrameOptions {
  url: string;
  title: string;
  /** Adds the sandbox's allow-downloads: the widget declared the `downloads` permission. */
  mayDownload: boolean;
  /**
   * A packed widget's files, read and checked: `url` is then the runner page, which gets them
   * before the connection (src/widget-host/runner).
   */
  bundle?: ReadonlyMap<string, Uint8Array>;
  /** Called for every well-formed request the frame sends through its port. */
  onRequest: (request: WidgetRequest) => void;
  /** Called for every malformed one, after the frame has been told why. */
  onRefused: (reason: string) => void;
  /** The frame kept posting far faster than any widget needs: it should be unloaded. */
  onFlood: () => void;
  /** The greeting sent first on every new port (the frame may reload itself). */
  hello: () => HostMessage;
  /**
   * Whether the widget started: false when its page loaded but no SDK took the port within
   * STARTED_WITHIN_MS (a page that failed to load, or whose scripts did not run), true when it
   * then does after all.
   */
  onStarted?: (started: boolean) => void;
  signal: AbortSignal;
}

/** Messages held for a frame that has not connected yet; beyond this the oldest are dropped. */
const MAX_HELD = 1000;
/**
 * A page's module scripts have run by its load event, so the SDK answers the connection at
 * once; this leaves room for a slow machine.
 */
export const STARTED_WITHIN_MS = 5_000;

/**
 * One sandboxed widget frame and the private MessagePort the host talks to it through. The
 * frame gets no extension APIs and an opaque origin; its port is the only way in or out, so a
 * widget can neither read nor forge another widget's traffic.
 */
export class WidgetFrame {
  private readonly gate = new RequestGate();
  private refusalsLogged = 0;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private reportedNotStarted = false;
  readonly element: HTMLIFrameElement;
  private port: MessagePort | undefined;
  private held: { message: HostMessage; transfer: Transferable[] }[] = [];

  constructor(private readonly options: WidgetFrameOptions) {
    const frame = document.createElement('iframe');
    // Scripts and forms only: no same origin, popups, modals or top navigation. Forms so that
    // a widget's <form> fires its submit event (Enter in a field); posting one anywhere stays
    // impossible (the widget CSP's form-action 'none'). Downloads only for a widget that
    // declared them (Chromium still asks for a click in the frame first).
    frame.setAttribute(
      'sandbox',
      options.mayDownload
        ? 'allow-scripts allow-forms allow-downloads'
        : 'allow-scripts allow-forms',
    );
    // No camera, microphone, screen or other powerful features for widget code.
    frame.setAttribute('allow', '');
    frame.referrerPolicy = 'no-referrer';
    frame.title = options.title;
    frame.className = 'widget-frame';
    frame.addEventListener(
      'load',
      () => {
        // The runner's own origin is opaque too; the files go to this frame's window alone.
        if (options.bundle)
          frame.contentWindow?.postMessage(
            { type: BUNDLE_MESSAGE, files: [...options.bundle] },
            '*',
          );
        this.connect();
      },
      { signal: options.signal },
    );
    options.signal.addEventListener('abort', () => {
      clearTimeout(this.startTimer);
      this.port?.close();
      frame.remove();
    });
    frame.src = options.url;
    this.element = frame;
  }

  get connected(): boolean {
    return this.port !== undefined;
  }

  /** Posts to the frame now, or as soon as it has connected. */
  post(message: HostMessage, transfer: Transferable[] = []): void {
    if (this.options.signal.aborted) return;
    if (this.port) {
      this.port.postMessage(message, transfer);
      return;
    }
    if (this.held.length >= MAX_HELD) this.held.shift();
    this.held.push({ message, transfer });
  }

  private connect(): void {
    this.port?.close();
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    // The frame's origin is opaque, so '*' is the only target origin that reaches it; the port
    // goes to this frame's window alone.
    this.element.contentWindow?.postMessage({ type: CONNECT_MESSAGE }, '*', [channel.port2]);
    this.port = channel.port1;
    clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => {
      this.reportedNotStarted = true;
      this.options.onStarted?.(false);
    }, STARTED_WITHIN_MS);
    this.port.postMessage(this.options.hello());
    for (const { message, transfer } of this.held) this.port.postMessage(message, transfer);
    this.held = [];
  }

  private receive(data: unknown): void {
    const verdict = this.gate.admit();
    if (verdict === 'unload') return this.options.onFlood();
    if (verdict === 'drop') {
      // Answered without parsing, so an honest widget's promise still settles.
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id))
        this.post({ type: 'request:refused', id, error: TOO_FAST });
      return;
    }
    const parsed = parseWidgetRequest(data);
    if (parsed.ok && parsed.value.type === 'widget:connected') {
      clearTimeout(this.startTimer);
      if (this.reportedNotStarted) this.options.onStarted?.(true);
      this.reportedNotStarted = false;
      return;
    }
    if (parsed.ok) {
      this.options.onRequest(parsed.value);
      return;
    }
    const id = requestIdOf(data);
    this.post({
      type: 'request:refused',
      ...(id === undefined ? {} : { id }),
      error: { code: 'INVALID_MESSAGE', message: parsed.reason },
    });
    // A few lines tell the story; a line per refusal would let the widget flood the log.
    if (this.refusalsLogged++ < 10) this.options.onRefused(parsed.reason);
  }
}

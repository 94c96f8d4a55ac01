/**
 * embed.js: what a website loads from the signalling server to put a call in its pages.
 *
 *   <script src="https://calls.example.com/embed.js"></script>
 *   const call = TFX.embed(element, { room: 'team-42', name: 'Ana' });
 *   call.on('peerJoined', ({ peer }) => …);  call.mute();  call.leave();
 *
 *   TFX.callButton(button, { room: 'team-42' });   // opens the call in its own window
 *
 * The call runs in an iframe from the server; the page and the call talk only through window
 * messages addressed to each other's exact origin and parsed against src/protocol/embed.ts.
 */
import {
  embedCommand,
  isRoomId,
  parseEmbedEvent,
  type EmbedEventData,
  type EmbedEventName,
} from '../protocol/embed.js';

/** The server this script came from: the one the call runs on. */
const SERVER = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? location.href)
  .origin;

export interface EmbedOptions {
  room: string;
  /** The name the pre-join step suggests; the person may change it. */
  name?: string;
}

type Listener<Name extends EmbedEventName> = (data: EmbedEventData<Name>) => void;

function elementOf(target: Element | string): HTMLElement {
  const element = typeof target === 'string' ? document.querySelector(target) : target;
  if (!(element instanceof HTMLElement)) {
    throw new TypeError(`TFX: no element ${typeof target === 'string' ? target : 'was given'}`);
  }
  return element;
}

function checkedRoom(options: EmbedOptions | undefined): string {
  if (!isRoomId(options?.room)) {
    throw new TypeError('TFX: room must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"');
  }
  return options.room;
}

function callUrl(room: string, name: string | undefined): string {
  const url = new URL('/call', SERVER);
  url.searchParams.set('room', room);
  if (name) url.searchParams.set('name', name);
  return url.toString();
}

/** One call in an iframe of this page. */
export class EmbeddedCall {
  readonly iframe: HTMLIFrameElement;
  private readonly listeners = new Map<EmbedEventName, Set<(data: never) => void>>();
  private readonly stop = new AbortController();

  constructor(element: HTMLElement, options: EmbedOptions) {
    const room = checkedRoom(options);
    this.iframe = document.createElement('iframe');
    this.iframe.src = callUrl(room, options.name);
    this.iframe.title = 'Video call';
    // The call needs the camera, the microphone and screen sharing; nothing else is delegated.
    this.iframe.allow = `camera ${SERVER}; microphone ${SERVER}; display-capture ${SERVER}; autoplay ${SERVER}; clipboard-write ${SERVER}`;
    this.iframe.referrerPolicy = 'no-referrer';
    this.iframe.style.cssText = 'width:100%;height:100%;min-height:480px;border:0;display:block';
    addEventListener(
      'message',
      (message) => {
        // Only the call's own frame, on the server's origin, is heard.
        if (message.source !== this.iframe.contentWindow || message.origin !== SERVER) return;
        const parsed = parseEmbedEvent(message.data);
        if (!parsed.ok) return console.warn(`TFX: ignored a message: ${parsed.reason}`);
        const { event } = parsed.value;
        const data: Record<string, unknown> = { ...parsed.value };
        for (const envelope of ['wire', 'v', 'event']) delete data[envelope];
        for (const listener of this.listeners.get(event) ?? []) {
          try {
            (listener as (data: unknown) => void)(data);
          } catch (error) {
            console.error(`TFX: a ${event} listener threw`, error);
          }
        }
      },
      { signal: this.stop.signal },
    );
    element.append(this.iframe);
  }

  /** Listens for `joined`, `left`, `peerJoined`, `peerLeft` or `error`; returns how to stop. */
  on<Name extends EmbedEventName>(event: Name, listener: Listener<Name>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Mutes (or, with false, unmutes) the person's microphone in the call. */
  mute(muted = true): void {
    this.send(embedCommand({ command: 'mute', muted }));
  }

  /** Leaves the call; the frame stays, showing that they left. */
  leave(): void {
    this.send(embedCommand({ command: 'leave' }));
  }

  /** Takes the call out of the page: leaving it, as closing a tab would. */
  destroy(): void {
    this.stop.abort();
    this.iframe.remove();
  }

  private send(command: unknown): void {
    this.iframe.contentWindow?.postMessage(command, SERVER);
  }
}

/** Puts a call for `options.room` into `element` (an element or a selector). */
export function embed(element: Element | string, options: EmbedOptions): EmbeddedCall {
  return new EmbeddedCall(elementOf(element), options);
}

/**
 * Makes `element` a "Click to call" button: it opens the room's invite page in a window of its
 * own, which hands the call to the installed extension or, without it, becomes the web client.
 * Either way the call starts at its pre-join step: nothing is sent before Join now.
 */
export function callButton(element: Element | string, options: EmbedOptions): void {
  const button = elementOf(element);
  const room = checkedRoom(options);
  button.addEventListener('click', () => {
    const url = new URL(`/r/${encodeURIComponent(room)}`, SERVER);
    url.searchParams.set('via', 'button');
    if (options.name) url.searchParams.set('name', options.name);
    window.open(url, `tfx-call-${room}`, 'popup,width=1180,height=800,noopener');
  });
}

(globalThis as { TFX?: unknown }).TFX = Object.freeze({ embed, callButton, server: SERVER });

import {
  embedEvent,
  parseEmbedCommand,
  type EmbedCommand,
  type EmbedEventData,
  type EmbedEventName,
} from '../protocol/embed.js';

/** The website page this call is embedded in (through embed.js), as the call talks to it. */
export interface EmbedderWindow {
  /** The embedding page's origin: the only one posted to and listened to. */
  readonly origin: string;
  post<Name extends EmbedEventName>(event: Name, data: EmbedEventData<Name>): void;
  /** Commands from the embedding page, parsed; anything else is answered with an error event. */
  onCommand(handler: (command: EmbedCommand) => void, signal: AbortSignal): void;
}

/**
 * The page that frames this call, when one does. The server's frame-ancestors has already
 * limited that to the sites the operator allows; the browser names the parent's origin, so
 * nothing about the call is ever posted to '*' or heard from another window.
 */
export function embedderWindow(): EmbedderWindow | undefined {
  if (window.parent === window) return undefined;
  const origin = location.ancestorOrigins?.[0];
  if (!origin || origin === 'null') return undefined;
  const post: EmbedderWindow['post'] = (event, data) =>
    window.parent.postMessage(embedEvent(event, data), origin);
  return {
    origin,
    post,
    onCommand: (handler, signal) =>
      addEventListener(
        'message',
        (message) => {
          // The call's own widget frames post to this window too: only the parent is heard.
          if (message.source !== window.parent || message.origin !== origin) return;
          const parsed = parseEmbedCommand(message.data);
          if (parsed.ok) handler(parsed.value);
          else post('error', { code: 'INVALID_COMMAND', message: parsed.reason });
        },
        { signal },
      ),
  };
}

import type { Socket } from 'socket.io';
import {
  clientEventSchemas,
  parseClientEvent,
  type ClientEvent,
  type ClientEventName,
  type ClientEventReplies,
} from '../protocol/signalling.js';
import { AppError, errors, type Result } from '../shared/app-error.js';
import type { TokenBucket } from '../shared/token-bucket.js';
import type { Logger } from './logger.js';

export type Reply = Result<ClientEventReplies[ClientEventName]>;
export type Refusal = { ok: false; error: ReturnType<AppError['toWire']> };

type Ack = (reply: Result<unknown>) => void;

export interface EnvelopeOptions {
  socket: Socket;
  /** This socket's allowance of events. */
  allowance: TokenBucket;
  /** Past this many refused events in a row, the socket is not a client: it is closed. */
  floodLimit: number;
  messagesPerSecond: number;
  /** Words, logs and counts a refusal. */
  refuse: (error: AppError) => Refusal;
  log: () => Logger;
  mayLog: () => boolean;
}

/**
 * What every client event goes through before a handler sees it, and after: the rate limit,
 * parsing against the signalling schema, and the reply, by acknowledgement when the client
 * asked for one, or as `request:refused` when it did not.
 */
export function listenForEvents(
  options: EnvelopeOptions,
  handle: (event: ClientEvent) => Reply | Promise<Reply>,
): void {
  const { socket, allowance, refuse } = options;
  let refusedInARow = 0;

  const respond = (name: string, raw: unknown, maybeAck: unknown): void => {
    // A client may send an acknowledgement callback with no payload at all.
    const ack = (
      typeof maybeAck === 'function' ? maybeAck : typeof raw === 'function' ? raw : undefined
    ) as Ack | undefined;
    const payload = typeof raw === 'function' ? undefined : raw;
    const finish = (reply: Reply): void => {
      if (ack) ack(reply);
      else if (!reply.ok)
        socket.emit('request:refused', { event: name.slice(0, 64), error: reply.error });
    };
    if (!allowance.take()) {
      // A client that keeps going after being told is not a client: close it.
      if (++refusedInARow > options.floodLimit) {
        if (options.mayLog()) options.log().warn('disconnected: kept flooding after RATE_LIMITED');
        socket.disconnect(true);
        return;
      }
      return finish(
        refuse(
          errors.rateLimited(`More than ${options.messagesPerSecond} events a second; slow down.`),
        ),
      );
    }
    refusedInARow = 0;
    const parsed = parseClientEvent(name, payload);
    if (!parsed.ok) return finish(refuse(new AppError('INVALID_MESSAGE', parsed.reason)));
    const failed = (error: unknown): void => {
      options.log().error({ err: error, event: name }, 'request failed');
      finish(refuse(errors.invalidMessage('The request could not be completed; try again.')));
    };
    let reply: Reply | Promise<Reply>;
    try {
      reply = handle(parsed.value);
    } catch (error) {
      return failed(error);
    }
    if (reply instanceof Promise) reply.then(finish, failed);
    else finish(reply);
  };

  for (const name of Object.keys(clientEventSchemas)) {
    socket.on(name, (raw: unknown, ack: unknown) => respond(name, raw, ack));
  }
  // Unknown events are answered too (with a refusal), so a wrong client learns why.
  socket.onAny((name: unknown, raw: unknown, ack: unknown) => {
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(clientEventSchemas, name))
      respond(typeof name === 'string' ? name : String(name), raw, ack);
  });
}

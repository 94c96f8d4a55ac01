import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import type { Server, Socket } from 'socket.io';
import {
  clientEventSchemas,
  parseClientEvent,
  type ClientEvent,
  type ClientEventName,
  type ClientEventReplies,
  type IceServerOffer,
  type MediaState,
  type ServerEventName,
  type ServerEventPayload,
} from '../protocol/signalling.js';
import { AppError, errors, type Result } from '../shared/app-error.js';
import { assertNever } from '../shared/assert-never.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import { AbuseGuard, addressKey } from './abuse-guard.js';
import { DEFAULT_RESUME_GRACE_MS, newResumeToken, peerIdFor } from './peer-identity.js';

type Reply = Result<ClientEventReplies[ClientEventName]>;

const scryptAsync = promisify(scrypt);

/** scrypt in libuv's thread pool: a password check never blocks other sockets. */
async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return (await scryptAsync(password.normalize('NFC'), salt, 32)) as Buffer;
}

export interface SignallingOptions {
  issueIceServers?: (peerId: string) => IceServerOffer[];
  /**
   * How long a peer whose connection dropped (not one who left) keeps its place, so that it can
   * come back as itself after a network blip or a reload without the others losing its tile.
   */
  resumeGraceMs?: number;
  metrics?: ServerMetrics;
  guard?: AbuseGuard;
}
import type { Member, PasswordHash, RoomStore } from './room-store.js';

/** What the server knows about a socket; set only by the server, never from a payload. */
interface Membership {
  room: string;
  peerId: string;
}

type Ack = (reply: Result<unknown>) => void;

/** A closing page's place is kept this long: enough for a reload, short for a closed window. */
const RELOAD_GRACE_MS = 4_000;

function channelOf(room: string): string {
  return `room:${room}`;
}

export function attachSignallingHandlers(
  io: Server,
  rooms: RoomStore,
  log: Logger,
  options: SignallingOptions = {},
): void {
  const {
    issueIceServers = () => [],
    metrics,
    guard = new AbuseGuard(),
    resumeGraceMs = DEFAULT_RESUME_GRACE_MS,
  } = options;
  /** Ends the membership of a socket whose peer rejoined elsewhere, by socket id. */
  const handOvers = new Map<string, () => void>();
  // Limits on connecting are checked before a socket exists, so a refused one costs nothing.
  io.use((socket, next) => {
    const ip = addressKey(socket.handshake.address);
    const refusal = guard.admitConnection(ip);
    if (!refusal) {
      socket.once('disconnect', () => guard.released(ip));
      return next();
    }
    if (guard.mayLog(ip)) log.warn({ ip, code: refusal.code }, 'connection refused');
    metrics?.refused(refusal.code);
    next(Object.assign(new Error(refusal.message), { data: refusal.toWire() }));
  });

  const storeFailed = (error: unknown): void => log.error({ err: error }, 'room store failed');

  io.on('connection', (socket) => {
    let membership: Membership | undefined;
    const ip = addressKey(socket.handshake.address);
    // Made on first use: most sockets never log, and thousands of idle children add up.
    let childLog: Logger | undefined;
    const socketLog = (): Logger => (childLog ??= log.child({ socket: socket.id }));
    const allowance = guard.messageBucket();
    let refusedInARow = 0;

    const send = <K extends ServerEventName>(
      target: string,
      name: K,
      payload: ServerEventPayload<K>,
    ) => io.to(target).emit(name, payload);

    /**
     * Ends this socket's membership. The place is given up after `graceMs`, unless the peer came
     * back in the meantime (its resume token put another socket in its place): 0 for the Leave
     * button, the resume grace for a dropped connection, a few seconds for a closing page.
     */
    const release = (graceMs: number): void => {
      if (!membership) return;
      const { room, peerId } = membership;
      membership = undefined;
      handOvers.delete(socket.id);
      void socket.leave(channelOf(room));
      const socketId = socket.id;
      const giveUp = (): void => {
        void rooms.leave(room, peerId, socketId).then((removed) => {
          if (!removed) return; // it came back
          send(channelOf(room), 'peer:left', { peerId });
          socketLog().info({ room, peerId, graceMs }, 'peer left');
        }, storeFailed);
      };
      if (graceMs === 0) giveUp();
      else setTimeout(giveUp, graceMs).unref();
    };

    // One join at a time per socket, from the first check to the membership being recorded:
    // two joins read back to back must not both reach the store (a ghost member each).
    let joining = false;
    const join = async (
      payload: Extract<ClientEvent, { type: 'room:join' }>['payload'],
    ): Promise<Reply> => {
      if (membership) return refuse(errors.alreadyInRoom(membership.room));
      if (joining) return refuse(errors.alreadyInRoom(payload.room));
      const tooMany = guard.admitJoin(ip);
      if (tooMany) return refuse(tooMany);
      joining = true;
      try {
        return await admit(payload);
      } finally {
        joining = false;
      }
    };

    const admit = async (
      payload: Extract<ClientEvent, { type: 'room:join' }>['payload'],
    ): Promise<Reply> => {
      const { room, name, media, password, instance } = payload;
      let offered: PasswordHash | undefined;
      if (password !== undefined) {
        const guessing = guard.refusePasswordAttempt(await rooms.wrongPasswordsThisMinute(room));
        if (guessing) return refuse(guessing);
        // The room's own salt to check a password, or a fresh one to set it on a new room.
        const salt =
          (await rooms.passwordSalt(room)) ??
          ((await rooms.exists(room)) ? undefined : randomBytes(16));
        if (salt) offered = { salt, hash: await hashPassword(password, salt) };
      }
      if (!socket.connected) return refuse(errors.notInRoom());
      const resume = payload.resume ?? newResumeToken();
      const peerId = peerIdFor(resume);
      const member = { id: peerId, instance, name, media, socketId: socket.id };
      const outcome = await rooms.join(room, member, offered);
      if (!outcome.ok) {
        if (outcome.error.code === 'WRONG_PASSWORD') await rooms.countWrongPassword(room);
        return refuse(outcome.error);
      }
      if (!socket.connected) {
        // It went while the store admitted it: nobody will ever release this seat but us.
        await rooms.leave(room, peerId, socket.id);
        return refuse(errors.notInRoom());
      }
      if (outcome.replaced && outcome.replaced !== socket.id) {
        // Still connected elsewhere (a duplicated tab): that connection is over.
        handOvers.get(outcome.replaced)?.();
        io.to(outcome.replaced).emit('session:replaced', {});
      }
      membership = { room, peerId };
      handOvers.set(socket.id, () => {
        membership = undefined;
        handOvers.delete(socket.id);
        void socket.leave(channelOf(room));
      });
      metrics?.joined();
      void socket.join(channelOf(room));
      const self = { id: peerId, instance, name, media };
      socket.to(channelOf(room)).emit('peer:joined', { peer: self });
      socketLog().info(
        { room, peerId, peers: outcome.others.length + 1, resumed: outcome.replaced !== undefined },
        'peer joined',
      );
      return {
        ok: true,
        data: {
          self,
          resume,
          peers: outcome.others,
          capacity: rooms.capacityLimit,
          iceServers: issueIceServers(peerId),
          room: outcome.settings,
        },
      };
    };

    type SignalSend = Extract<ClientEvent, { type: 'signal:send' }>['payload'];
    const relayTo = (target: Member | undefined, { to, signal }: SignalSend): Reply => {
      if (!membership) return refuse(errors.notInRoom());
      if (!target) return refuse(errors.unknownPeer(to));
      // The sender is stamped from this socket's own membership, never from the payload.
      metrics?.relayed();
      const payload = { from: membership.peerId, signal };
      // A socket on this process gets it directly; one elsewhere through the adapter (Redis).
      const local = io.sockets.sockets.get(target.socketId);
      if (local) local.emit('signal:received', payload);
      else send(target.socketId, 'signal:received', payload);
      return { ok: true, data: null };
    };
    /** Synchronous when the store is (memory): relays are most of what the server does. */
    const relay = (payload: SignalSend): Reply | Promise<Reply> => {
      if (!membership) return refuse(errors.notInRoom());
      const target = rooms.member(membership.room, payload.to);
      return target instanceof Promise
        ? target.then((found) => relayTo(found, payload))
        : relayTo(target, payload);
    };

    const lock = async (locked: boolean): Promise<Reply> => {
      if (!membership) return refuse(errors.notInRoom());
      const { room } = membership;
      const settings = await rooms.setLocked(room, locked);
      if (settings) send(channelOf(room), 'room:updated', { room: settings });
      socketLog().info({ room, locked }, 'room lock');
      return { ok: true, data: null };
    };

    const updateMedia = async (media: MediaState): Promise<Reply> => {
      if (!membership) return refuse(errors.notInRoom());
      const { room, peerId } = membership;
      const peer = await rooms.updateMedia(room, peerId, media);
      if (peer) socket.to(channelOf(room)).emit('peer:updated', { peer });
      return { ok: true, data: null };
    };

    /** A promise only where the work waits (the store, a password hash): not for relays. */
    const handle = (event: ClientEvent): Reply | Promise<Reply> => {
      switch (event.type) {
        case 'room:join':
          return join(event.payload);
        case 'room:lock':
          return lock(event.payload.locked);
        case 'room:leave':
          if (!membership) return refuse(errors.notInRoom());
          release(event.payload.mayReturn ? Math.min(resumeGraceMs, RELOAD_GRACE_MS) : 0);
          return { ok: true, data: null };
        case 'signal:send':
          return relay(event.payload);
        case 'media:update':
          return updateMedia(event.payload.media);
        default:
          return assertNever(event);
      }
    };

    const refuse = (error: AppError): { ok: false; error: ReturnType<AppError['toWire']> } => {
      if (guard.mayLog(ip))
        socketLog().warn({ code: error.code, reason: error.message }, 'request refused');
      metrics?.refused(error.code);
      return { ok: false, error: error.toWire() };
    };

    const respond = (name: string, raw: unknown, maybeAck: unknown): void => {
      // A client may send an acknowledgement callback with no payload at all.
      const ack = (
        typeof maybeAck === 'function' ? maybeAck : typeof raw === 'function' ? raw : undefined
      ) as Ack | undefined;
      const payload = typeof raw === 'function' ? undefined : raw;
      if (!allowance.take()) {
        // A client that keeps going after being told is not a client: close it.
        if (++refusedInARow > guard.limits.messageBurst) {
          if (guard.mayLog(ip))
            socketLog().warn({ ip }, 'disconnected: kept flooding after RATE_LIMITED');
          socket.disconnect(true);
          return;
        }
        const limited = refuse(
          errors.rateLimited(
            `More than ${guard.limits.messagesPerSecond} events a second; slow down.`,
          ),
        );
        if (typeof ack === 'function') (ack as (reply: unknown) => void)(limited);
        else socket.emit('request:refused', { event: name.slice(0, 64), error: limited.error });
        return;
      }
      refusedInARow = 0;
      const parsed = parseClientEvent(name, payload);
      const finish = (reply: Reply): void => {
        if (ack) ack(reply);
        else if (!reply.ok)
          socket.emit('request:refused', { event: name.slice(0, 64), error: reply.error });
      };
      if (!parsed.ok) return finish(refuse(new AppError('INVALID_MESSAGE', parsed.reason)));
      const failed = (error: unknown): void => {
        socketLog().error({ err: error, event: name }, 'request failed');
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
    socket.onAny((name: unknown, raw: unknown, ack: unknown) => {
      if (
        typeof name !== 'string' ||
        !Object.prototype.hasOwnProperty.call(clientEventSchemas, name)
      ) {
        respond(typeof name === 'string' ? name : String(name), raw, ack);
      }
    });
    socket.on('disconnect', () => release(resumeGraceMs));
  });
}

export type { Socket };

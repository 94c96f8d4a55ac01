import { randomBytes } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type {
  ClientEvent,
  IceServerOffer,
  MediaState,
  ServerEventName,
  ServerEventPayload,
} from '../protocol/signalling.js';
import { errors, type AppError } from '../shared/app-error.js';
import { assertNever } from '../shared/assert-never.js';
import type { AbuseGuard } from './abuse-guard.js';
import { listenForEvents, type Refusal, type Reply } from './event-envelope.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import { hashPassword } from './password-hash.js';
import { newResumeToken, peerIdFor } from './peer-identity.js';
import type { Member, PasswordHash, RoomStore } from './room-store.js';

/** What the server knows about a socket; set only by the server, never from a payload. */
interface Membership {
  room: string;
  peerId: string;
}

type JoinRequest = Extract<ClientEvent, { type: 'room:join' }>['payload'];
type SignalSend = Extract<ClientEvent, { type: 'signal:send' }>['payload'];

/** A closing page's place is kept this long: enough for a reload, short for a closed window. */
const RELOAD_GRACE_MS = 4_000;

export function channelOf(room: string): string {
  return `room:${room}`;
}

/** What every connection shares: the server, the rooms, the limits, and who handed over to whom. */
export interface ConnectionContext {
  io: Server;
  rooms: RoomStore;
  log: Logger;
  guard: AbuseGuard;
  metrics?: ServerMetrics;
  issueIceServers: (peerId: string) => IceServerOffer[];
  resumeGraceMs: number;
  /** Ends the membership of a socket whose peer rejoined elsewhere, by socket id. */
  handOvers: Map<string, () => void>;
  storeFailed: (error: unknown) => void;
}

/**
 * One client's connection to the signalling server: its membership of a room, and what it may
 * ask for. It trusts nothing a client sends: who it is comes from its own membership.
 */
export class SignallingConnection {
  private membership: Membership | undefined;
  // One join at a time per socket, from the first check to the membership being recorded:
  // two joins read back to back must not both reach the store (a ghost member each).
  private joining = false;
  private readonly ip: string;
  // Made on first use: most sockets never log, and thousands of idle children add up.
  private childLog: Logger | undefined;

  constructor(
    private readonly socket: Socket,
    ip: string,
    private readonly ctx: ConnectionContext,
  ) {
    this.ip = ip;
    listenForEvents(
      {
        socket,
        allowance: ctx.guard.messageBucket(),
        floodLimit: ctx.guard.limits.messageBurst,
        messagesPerSecond: ctx.guard.limits.messagesPerSecond,
        refuse: (error) => this.refuse(error),
        log: () => this.log(),
        mayLog: () => ctx.guard.mayLog(ip),
      },
      (event) => this.handle(event),
    );
    socket.on('disconnect', () => this.release(ctx.resumeGraceMs));
  }

  /** A promise only where the work waits (the store, a password hash): not for relays. */
  private handle(event: ClientEvent): Reply | Promise<Reply> {
    switch (event.type) {
      case 'room:join':
        return this.join(event.payload);
      case 'room:lock':
        return this.lock(event.payload.locked);
      case 'room:leave':
        if (!this.membership) return this.refuse(errors.notInRoom());
        this.release(
          event.payload.mayReturn ? Math.min(this.ctx.resumeGraceMs, RELOAD_GRACE_MS) : 0,
        );
        return { ok: true, data: null };
      case 'signal:send':
        return this.relay(event.payload);
      case 'media:update':
        return this.updateMedia(event.payload.media);
      default:
        return assertNever(event);
    }
  }

  private log(): Logger {
    return (this.childLog ??= this.ctx.log.child({ socket: this.socket.id }));
  }

  private send<K extends ServerEventName>(target: string, name: K, payload: ServerEventPayload<K>) {
    this.ctx.io.to(target).emit(name, payload);
  }

  private refuse(error: AppError): Refusal {
    if (this.ctx.guard.mayLog(this.ip))
      this.log().warn({ code: error.code, reason: error.message }, 'request refused');
    this.ctx.metrics?.refused(error.code);
    return { ok: false, error: error.toWire() };
  }

  /**
   * Ends this socket's membership. The place is given up after `graceMs`, unless the peer came
   * back in the meantime (its resume token put another socket in its place): 0 for the Leave
   * button, the resume grace for a dropped connection, a few seconds for a closing page.
   */
  private release(graceMs: number): void {
    if (!this.membership) return;
    const { room, peerId } = this.membership;
    this.membership = undefined;
    this.ctx.handOvers.delete(this.socket.id);
    void this.socket.leave(channelOf(room));
    const socketId = this.socket.id;
    const giveUp = (): void => {
      void this.ctx.rooms.leave(room, peerId, socketId).then((removed) => {
        if (!removed) return; // it came back
        this.send(channelOf(room), 'peer:left', { peerId });
        this.log().info({ room, peerId, graceMs }, 'peer left');
      }, this.ctx.storeFailed);
    };
    if (graceMs === 0) giveUp();
    else setTimeout(giveUp, graceMs).unref();
  }

  private async join(payload: JoinRequest): Promise<Reply> {
    if (this.membership) return this.refuse(errors.alreadyInRoom(this.membership.room));
    if (this.joining) return this.refuse(errors.alreadyInRoom(payload.room));
    const tooMany = this.ctx.guard.admitJoin(this.ip);
    if (tooMany) return this.refuse(tooMany);
    this.joining = true;
    try {
      return await this.admit(payload);
    } finally {
      this.joining = false;
    }
  }

  private async admit(payload: JoinRequest): Promise<Reply> {
    const { rooms, guard, io } = this.ctx;
    const socket = this.socket;
    const { room, name, media, password, instance } = payload;
    let offered: PasswordHash | undefined;
    if (password !== undefined) {
      const guessing = guard.refusePasswordAttempt(await rooms.wrongPasswordsThisMinute(room));
      if (guessing) return this.refuse(guessing);
      // The room's own salt to check a password, or a fresh one to set it on a new room.
      const salt =
        (await rooms.passwordSalt(room)) ??
        ((await rooms.exists(room)) ? undefined : randomBytes(16));
      if (salt) offered = { salt, hash: await hashPassword(password, salt) };
    }
    if (!socket.connected) return this.refuse(errors.notInRoom());
    const resume = payload.resume ?? newResumeToken();
    const peerId = peerIdFor(resume);
    const member = { id: peerId, instance, name, media, socketId: socket.id };
    const outcome = await rooms.join(room, member, offered);
    if (!outcome.ok) {
      if (outcome.error.code === 'WRONG_PASSWORD') await rooms.countWrongPassword(room);
      return this.refuse(outcome.error);
    }
    if (!socket.connected) {
      // It went while the store admitted it: nobody will ever release this seat but us.
      await rooms.leave(room, peerId, socket.id);
      return this.refuse(errors.notInRoom());
    }
    if (outcome.replaced && outcome.replaced !== socket.id) {
      // Still connected elsewhere (a duplicated tab): that connection is over.
      this.ctx.handOvers.get(outcome.replaced)?.();
      io.to(outcome.replaced).emit('session:replaced', {});
    }
    this.membership = { room, peerId };
    this.ctx.handOvers.set(socket.id, () => {
      this.membership = undefined;
      this.ctx.handOvers.delete(socket.id);
      void socket.leave(channelOf(room));
    });
    this.ctx.metrics?.joined();
    void socket.join(channelOf(room));
    const self = { id: peerId, instance, name, media };
    socket.to(channelOf(room)).emit('peer:joined', { peer: self });
    this.log().info(
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
        iceServers: this.ctx.issueIceServers(peerId),
        room: outcome.settings,
      },
    };
  }

  /** Synchronous when the store is (memory): relays are most of what the server does. */
  private relay(payload: SignalSend): Reply | Promise<Reply> {
    if (!this.membership) return this.refuse(errors.notInRoom());
    const target = this.ctx.rooms.member(this.membership.room, payload.to);
    return target instanceof Promise
      ? target.then((found) => this.relayTo(found, payload))
      : this.relayTo(target, payload);
  }

  private relayTo(target: Member | undefined, { to, signal }: SignalSend): Reply {
    if (!this.membership) return this.refuse(errors.notInRoom());
    if (!target) return this.refuse(errors.unknownPeer(to));
    // The sender is stamped from this socket's own membership, never from the payload.
    this.ctx.metrics?.relayed();
    const payload = { from: this.membership.peerId, signal };
    // A socket on this process gets it directly; one elsewhere through the adapter (Redis).
    const local = this.ctx.io.sockets.sockets.get(target.socketId);
    if (local) local.emit('signal:received', payload);
    else this.send(target.socketId, 'signal:received', payload);
    return { ok: true, data: null };
  }

  private async lock(locked: boolean): Promise<Reply> {
    if (!this.membership) return this.refuse(errors.notInRoom());
    const { room } = this.membership;
    const settings = await this.ctx.rooms.setLocked(room, locked);
    if (settings) this.send(channelOf(room), 'room:updated', { room: settings });
    this.log().info({ room, locked }, 'room lock');
    return { ok: true, data: null };
  }

  private async updateMedia(media: MediaState): Promise<Reply> {
    if (!this.membership) return this.refuse(errors.notInRoom());
    const { room, peerId } = this.membership;
    const peer = await this.ctx.rooms.updateMedia(room, peerId, media);
    if (peer) this.socket.to(channelOf(room)).emit('peer:updated', { peer });
    return { ok: true, data: null };
  }
}

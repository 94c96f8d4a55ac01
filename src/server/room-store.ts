import type { MediaState, Peer, RoomSettings } from '../protocol/signalling.js';
import type { AppError } from '../shared/app-error.js';

/** A participant as the server keeps it: the peer plus the socket that speaks for it. */
export interface Member extends Peer {
  socketId: string;
}

export type JoinOutcome =
  | {
      ok: true;
      others: Peer[];
      settings: RoomSettings;
      /** The socket this peer had before, when it came back. */
      replaced?: string;
    }
  | { ok: false; error: AppError };

/** A room password as kept: a salted scrypt hash, never the password itself. */
export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

/**
 * Where rooms live: this process's memory (the embedded default) or Redis, shared by every
 * server process. Joining is one atomic step in either, so capacity holds across processes.
 */
export interface RoomStore {
  readonly capacityLimit: number;
  /** The salt a password for this room must be hashed with; undefined if it has none. */
  passwordSalt(roomId: string): Promise<Buffer | undefined>;
  exists(roomId: string): Promise<boolean>;
  /** Who is in a room and how it is set, for the pre-join step; undefined if it is empty. */
  peek(roomId: string): Promise<{ names: string[]; settings: RoomSettings } | undefined>;
  /**
   * Adds a member. A new room takes the joiner's password (if any) as its own; an existing one
   * checks it, and refuses everyone while locked. The same peer id coming back (its resume token
   * proved it) keeps its seat and replaces its old socket.
   */
  join(roomId: string, member: Member, password?: PasswordHash): Promise<JoinOutcome>;
  /** Removes a member if it is still the one on `socketId`; says whether it did. */
  leave(roomId: string, peerId: string, socketId: string): Promise<boolean>;
  setLocked(roomId: string, locked: boolean): Promise<RoomSettings | undefined>;
  /**
   * Wrong passwords given for this room in the current minute, counted by every process that
   * shares the store: guesses spread over processes still run out.
   */
  wrongPasswordsThisMinute(roomId: string): Promise<number>;
  /** Counts one more wrong password against the room for the current minute. */
  countWrongPassword(roomId: string): Promise<void>;
  /**
   * A member by id. The memory store answers at once, so a relay (the server's commonest event)
   * never waits on the microtask queue; Redis answers with a promise.
   */
  member(roomId: string, peerId: string): Member | undefined | Promise<Member | undefined>;
  updateMedia(roomId: string, peerId: string, media: MediaState): Promise<Peer | undefined>;
  /** Rooms and peers this process serves, for /healthz and /metrics. */
  counts(): { rooms: number; peers: number };
  close(): Promise<void>;
}

export function toPeer({ id, instance, name, media }: Member): Peer {
  return { id, instance, name, media };
}

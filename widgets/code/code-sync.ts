import {
  type Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CodeMessageKind, decodeCodeMessage, encodeCodeMessage } from './code-wire';

/** How the sync reaches the other peers: the SDK in the widget, a fake in unit tests. */
export interface CodeTransport {
  send(bytes: Uint8Array, to?: string): void;
}

/** Marks changes that came from a peer, so they are not sent out again or undone by us. */
const REMOTE = Symbol('remote');

/**
 * Keeps a Yjs document and its awareness (cursors, names) in step with the same widget on the
 * other peers. Every edit made here goes to everyone; a peer that appears is asked for what it
 * has and told what we have (state vectors both ways), so a late joiner gets the document and
 * two peers that edited while apart converge.
 */
export class CodeSync {
  /** The awareness client ids each peer has announced, to clear its cursor when it leaves. */
  private readonly clientsOfPeer = new Map<string, Set<number>>();

  constructor(
    readonly doc: Y.Doc,
    readonly awareness: Awareness,
    private readonly transport: CodeTransport,
    private readonly warn: (message: string) => void = console.warn,
  ) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) transport.send(encodeCodeMessage(CodeMessageKind.Update, update));
    });
    awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin === REMOTE) return;
      const changed = [...added, ...updated, ...removed];
      transport.send(
        encodeCodeMessage(CodeMessageKind.Awareness, encodeAwarenessUpdate(awareness, changed)),
      );
    });
  }

  /** A peer is here (already, or just joined): trade what each side is missing. */
  meet(peerId: string): void {
    this.transport.send(
      encodeCodeMessage(CodeMessageKind.SyncRequest, Y.encodeStateVector(this.doc)),
      peerId,
    );
    // Only our own cursor: every peer introduces itself, so a cursor is always tied to the
    // peer it belongs to and leaves with it (relaying a third peer's would tie it to us).
    this.transport.send(
      encodeCodeMessage(
        CodeMessageKind.Awareness,
        encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
      ),
      peerId,
    );
  }

  /** A peer left: its cursor goes with it. */
  part(peerId: string): void {
    const clients = this.clientsOfPeer.get(peerId);
    this.clientsOfPeer.delete(peerId);
    if (clients) removeAwarenessStates(this.awareness, [...clients], REMOTE);
  }

  receive(data: unknown, fromPeerId: string): void {
    const parsed = decodeCodeMessage(data);
    if (!parsed.ok) return this.warn(`ignored a message from ${fromPeerId}: ${parsed.reason}`);
    const message = parsed.value;
    try {
      switch (message.kind) {
        case CodeMessageKind.Update:
        case CodeMessageKind.SyncReply:
          Y.applyUpdate(this.doc, message.payload, REMOTE);
          return;
        case CodeMessageKind.SyncRequest:
          this.transport.send(
            encodeCodeMessage(
              CodeMessageKind.SyncReply,
              Y.encodeStateAsUpdate(this.doc, message.payload),
            ),
            fromPeerId,
          );
          return;
        case CodeMessageKind.Awareness:
          this.applyAwareness(message.payload, fromPeerId);
          return;
      }
    } catch (error) {
      // Yjs throws on a payload it cannot decode; the document is left as it was.
      this.warn(`ignored a malformed message from ${fromPeerId}: ${(error as Error).message}`);
    }
  }

  private applyAwareness(payload: Uint8Array, fromPeerId: string): void {
    // 'update' (not 'change') so that a state that did not change still names its client.
    const onUpdate = ({ added, updated }: AwarenessChange, origin: unknown): void => {
      if (origin !== REMOTE) return;
      const clients = this.clientsOfPeer.get(fromPeerId) ?? new Set<number>();
      // A peer speaks only for itself: our own client id is never its to change.
      for (const id of [...added, ...updated]) if (id !== this.doc.clientID) clients.add(id);
      this.clientsOfPeer.set(fromPeerId, clients);
    };
    this.awareness.on('update', onUpdate);
    try {
      applyAwarenessUpdate(this.awareness, payload, REMOTE);
    } finally {
      this.awareness.off('update', onUpdate);
    }
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

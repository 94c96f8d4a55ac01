import { io, type Socket } from 'socket.io-client';

export interface Received {
  name: string;
  payload: unknown;
}

/** A real socket.io client that records every event the server sends it. */
export class TestClient {
  readonly socket: Socket;
  readonly received: Received[] = [];

  constructor(url: string) {
    this.socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.onAny((name: string, payload: unknown) => this.received.push({ name, payload }));
  }

  async connected(): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
    return this;
  }

  request(name: string, payload?: unknown): Promise<unknown> {
    return this.socket.timeout(2000).emitWithAck(name, payload);
  }

  /** This client's page instance (one call page's run), as the extension would send it. */
  readonly instance = `page-${Math.random().toString(36).slice(2, 12)}`;

  join(room: string, name: string, extra: { resume?: string } = {}): Promise<unknown> {
    return this.request('room:join', {
      v: 1,
      room,
      name,
      media: { audio: true, video: true },
      instance: this.instance,
      ...extra,
    });
  }

  /** Waits until an event matching the predicate has arrived (or fails after 2 s). */
  async waitFor(
    name: string,
    predicate: (payload: unknown) => boolean = () => true,
  ): Promise<unknown> {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const hit = this.received.find((event) => event.name === name && predicate(event.payload));
      if (hit) return hit.payload;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `no "${name}" event arrived; got ${JSON.stringify(this.received.map((e) => e.name))}`,
    );
  }

  eventsNamed(name: string): unknown[] {
    return this.received.filter((event) => event.name === name).map((event) => event.payload);
  }

  close(): void {
    this.socket.close();
  }
}

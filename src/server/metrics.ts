import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { ErrorCode } from '../shared/app-error.js';
import type { RoomStore } from './room-store.js';

/**
 * What an operator graphs and alerts on, for `GET /metrics` in Prometheus format (prom-client,
 * the maintained Node client). One registry per server, so tests can run several servers.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly relays: Counter;
  private readonly refusals: Counter<'code'>;
  private readonly joins: Counter;

  constructor(rooms: RoomStore) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'tfx_' });
    new Gauge({
      name: 'tfx_rooms',
      help: 'Rooms with at least one peer in them.',
      registers,
      collect() {
        this.set(rooms.counts().rooms);
      },
    });
    new Gauge({
      name: 'tfx_peers',
      help: 'Peers in rooms.',
      registers,
      collect() {
        this.set(rooms.counts().peers);
      },
    });
    this.joins = new Counter({ name: 'tfx_joins_total', help: 'Accepted room joins.', registers });
    this.relays = new Counter({
      name: 'tfx_relays_total',
      help: 'Offers, answers and candidates relayed to a peer.',
      registers,
    });
    this.refusals = new Counter({
      name: 'tfx_refusals_total',
      help: 'Client events refused, by error code.',
      labelNames: ['code'],
      registers,
    });
  }

  joined(): void {
    this.joins.inc();
  }

  relayed(): void {
    this.relays.inc();
  }

  refused(code: ErrorCode): void {
    this.refusals.inc({ code });
  }

  render(): Promise<{ contentType: string; body: string }> {
    return this.registry
      .metrics()
      .then((body) => ({ contentType: this.registry.contentType, body }));
  }
}

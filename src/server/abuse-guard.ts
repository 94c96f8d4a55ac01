import { errors, type AppError } from '../shared/app-error.js';
import { TokenBucket } from '../shared/token-bucket.js';

export interface AbuseLimits {
  /** Sockets open at once from one address. */
  connectionsPerIp: number;
  /** New sockets a minute from one address: reconnecting does not reset a limit. */
  connectsPerMinutePerIp: number;
  /** Room joins a minute from one address, whatever socket they come through. */
  joinsPerMinutePerIp: number;
  /** Client events a second on one socket (sustained), and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Rooms one server process holds. */
  maxRooms: number;
  /** Wrong passwords a minute for one room, from everyone together. */
  wrongPasswordsPerMinutePerRoom: number;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  connectionsPerIp: 50,
  connectsPerMinutePerIp: 120,
  joinsPerMinutePerIp: 60,
  messagesPerSecond: 100,
  messageBurst: 200,
  maxRooms: 10_000,
  wrongPasswordsPerMinutePerRoom: 10,
};

/**
 * The address the limits count against: an IPv4 address as it is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64, which one subscriber usually holds
 * whole and can spread itself over.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}

interface Address {
  open: number;
  connects: TokenBucket;
  joins: TokenBucket;
  /** Looks at a room before joining: their own budget, so looking never costs a join. */
  peeks: TokenBucket;
}

/**
 * The server's abuse limits, per address and per socket. Everything it remembers about an
 * address is dropped once that address is idle, so a scan of many addresses cannot grow it.
 */
export class AbuseGuard {
  private readonly addresses = new Map<string, Address>();
  /** Log lines about one address's refusals: enough to see it, too few to fill a disk. */
  private readonly logAllowance = new Map<string, TokenBucket>();
  /** Transport connections (WebSockets) open per address, whether or not they said hello. */
  private readonly transports = new Map<string, number>();

  constructor(
    readonly limits: AbuseLimits = DEFAULT_ABUSE_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A new socket from `ip`; an error means refuse it. Call `released` when it closes. */
  admitConnection(ip: string): AppError | undefined {
    const address = this.address(ip);
    if (address.open >= this.limits.connectionsPerIp || !address.connects.take()) {
      this.forgetIfIdle(ip, address);
      return errors.tooManyConnections(this.limits.connectionsPerIp);
    }
    address.open += 1;
    return undefined;
  }

  /**
   * A new WebSocket from `ip`, before socket.io sees it: one more than the socket limit may be
   * open, so the socket past the limit still reaches the point where it is told why.
   */
  admitTransport(ip: string): boolean {
    const open = this.transports.get(ip) ?? 0;
    if (open > this.limits.connectionsPerIp) return false;
    this.transports.set(ip, open + 1);
    return true;
  }

  transportClosed(ip: string): void {
    const open = (this.transports.get(ip) ?? 1) - 1;
    if (open > 0) this.transports.set(ip, open);
    else this.transports.delete(ip);
  }

  released(ip: string): void {
    const address = this.addresses.get(ip);
    if (!address) return;
    address.open = Math.max(0, address.open - 1);
    this.forgetIfIdle(ip, address);
  }

  admitJoin(ip: string): AppError | undefined {
    if (this.address(ip).joins.take()) return undefined;
    return errors.rateLimited(
      `More than ${this.limits.joinsPerMinutePerIp} joins a minute from your address; wait a minute.`,
    );
  }

  /** Whether this address may look at one more room now (as many a minute as it may join). */
  admitPeek(ip: string): boolean {
    return this.address(ip).peeks.take();
  }

  /**
   * Refuses a password attempt at a room that has had too many wrong ones this minute (counted
   * by the room store, so across every process that shares it).
   */
  refusePasswordAttempt(wrongThisMinute: number): AppError | undefined {
    if (wrongThisMinute < this.limits.wrongPasswordsPerMinutePerRoom) return undefined;
    return errors.rateLimited(
      'Too many wrong passwords for this room in the last minute; wait a minute and try again.',
    );
  }

  /** Whether a refusal of `ip` may be logged now: 20 at once, then 2 a second. */
  mayLog(ip: string): boolean {
    let allowance = this.logAllowance.get(ip);
    if (!allowance) {
      allowance = new TokenBucket(20, 2, this.now);
      this.logAllowance.set(ip, allowance);
    }
    return allowance.take();
  }

  /** A fresh per-socket message allowance. */
  messageBucket(): TokenBucket {
    return new TokenBucket(this.limits.messageBurst, this.limits.messagesPerSecond, this.now);
  }

  /** Forgets idle addresses (the server calls this every half minute); returns how many remain. */
  prune(): number {
    for (const [ip, address] of this.addresses) this.forgetIfIdle(ip, address);
    for (const [ip, bucket] of this.logAllowance) if (bucket.idle) this.logAllowance.delete(ip);
    return this.addresses.size;
  }

  private address(ip: string): Address {
    let address = this.addresses.get(ip);
    if (!address) {
      address = {
        open: 0,
        connects: new TokenBucket(
          this.limits.connectsPerMinutePerIp,
          this.limits.connectsPerMinutePerIp / 60,
          this.now,
        ),
        joins: new TokenBucket(
          this.limits.joinsPerMinutePerIp,
          this.limits.joinsPerMinutePerIp / 60,
          this.now,
        ),
        peeks: new TokenBucket(
          this.limits.joinsPerMinutePerIp,
          this.limits.joinsPerMinutePerIp / 60,
          this.now,
        ),
      };
      this.addresses.set(ip, address);
    }
    return address;
  }

  private forgetIfIdle(ip: string, address: Address): void {
    if (address.open === 0 && address.connects.idle && address.joins.idle && address.peeks.idle)
      this.addresses.delete(ip);
  }
}

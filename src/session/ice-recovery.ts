import type { Logger } from '../shared/log.js';

export interface IceRecoveryOptions {
  /** Only one side restarts, so both do not send competing offers: the one that made the call. */
  mayRestart: boolean;
  log: Logger;
  /** How long a 'disconnected' link may stay so before an ICE restart. */
  graceMs?: number;
  /** How often to try again while the link stays down. */
  retryMs?: number;
  /** After this long down, give up and let the link be 'failed'. */
  giveUpMs?: number;
  signal: AbortSignal;
}

/**
 * Brings a peer connection back after the network drops (Wi-Fi to cellular, a blocked port, a
 * sleeping laptop): when the link is 'failed', or 'disconnected' for longer than a moment, it
 * calls `restartIce()` (the next offer gathers fresh candidates through perfect negotiation),
 * and tries again every few seconds until the link is back or it has been too long.
 */
export class IceRecovery {
  private downSince: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private restartsMade = 0;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly options: IceRecoveryOptions,
  ) {
    pc.addEventListener('connectionstatechange', () => this.update(), { signal: options.signal });
    options.signal.addEventListener('abort', () => clearTimeout(this.timer));
  }

  /** Whether the link is down and still being brought back (shown as "reconnecting"). */
  get recovering(): boolean {
    return this.downSince !== undefined && !this.gaveUp;
  }

  private get gaveUp(): boolean {
    return (
      this.downSince !== undefined &&
      performance.now() - this.downSince > (this.options.giveUpMs ?? 60_000)
    );
  }

  private update(): void {
    const state = this.pc.connectionState;
    if (state === 'connected' || state === 'closed') {
      if (this.downSince !== undefined && state === 'connected') {
        this.options.log.info(`Link recovered after ${this.restartsMade} ICE restart(s)`);
      }
      this.downSince = undefined;
      this.restartsMade = 0;
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (state !== 'disconnected' && state !== 'failed') return;
    this.downSince ??= performance.now();
    if (!this.options.mayRestart) return;
    if (state === 'failed') this.restart();
    else if (this.timer === undefined) this.schedule(this.options.graceMs ?? 2_000);
  }

  private schedule(afterMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const state = this.pc.connectionState;
      if (state === 'disconnected' || state === 'failed') this.restart();
    }, afterMs);
  }

  private restart(): void {
    if (this.options.signal.aborted || this.gaveUp) return;
    this.restartsMade += 1;
    this.options.log.info(`Restarting ICE (attempt ${this.restartsMade})`);
    this.pc.restartIce();
    this.schedule(this.options.retryMs ?? 4_000);
  }
}

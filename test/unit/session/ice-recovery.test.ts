import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceRecovery } from '../../../src/session/ice-recovery.js';

/** The part of RTCPeerConnection recovery watches: its state, its event, restartIce. */
class FakeConnection extends EventTarget {
  connectionState: RTCPeerConnectionState = 'connected';
  restartIce = vi.fn();

  become(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('IceRecovery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function recoveryFor(mayRestart: boolean) {
    const pc = new FakeConnection();
    const lifetime = new AbortController();
    const recovery = new IceRecovery(pc as unknown as RTCPeerConnection, {
      mayRestart,
      log,
      graceMs: 2000,
      retryMs: 4000,
      signal: lifetime.signal,
    });
    return { pc, recovery, lifetime };
  }

  it('restarts ICE after a short grace when disconnected, and retries until connected', () => {
    const { pc, recovery } = recoveryFor(true);
    pc.become('disconnected');
    expect(recovery.recovering).toBe(true);
    vi.advanceTimersByTime(1900);
    expect(pc.restartIce).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4000);
    expect(pc.restartIce).toHaveBeenCalledTimes(2);
    pc.become('connected');
    vi.advanceTimersByTime(20_000);
    expect(pc.restartIce).toHaveBeenCalledTimes(2);
    expect(recovery.recovering).toBe(false);
  });

  it('restarts at once when the link has failed', () => {
    const { pc } = recoveryFor(true);
    pc.become('failed');
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
  });

  it('leaves restarting to the other side when it did not make the call', () => {
    const { pc, recovery } = recoveryFor(false);
    pc.become('failed');
    vi.advanceTimersByTime(30_000);
    expect(pc.restartIce).not.toHaveBeenCalled();
    expect(recovery.recovering).toBe(true);
  });

  it('stops when the link is closed with the call', () => {
    const { pc, lifetime } = recoveryFor(true);
    pc.become('disconnected');
    lifetime.abort();
    vi.advanceTimersByTime(30_000);
    expect(pc.restartIce).not.toHaveBeenCalled();
  });
});

/**
 * Named moments of a call, as standard performance marks: visible in DevTools' performance
 * panel and read by `npm run bench`.
 */
export type CallMoment = 'tfx:join-sent' | 'tfx:datachannel-open' | 'tfx:first-remote-frame';

export function markMoment(moment: CallMoment, peerId?: string): void {
  performance.mark(moment, { detail: peerId ? { peerId } : null });
}

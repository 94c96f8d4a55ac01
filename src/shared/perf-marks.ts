/**
 * Named moments of a call and of the pages before it, as standard performance marks: visible in
 * DevTools' performance panel and read by `npm run bench`.
 */
export type CallMoment =
  // The person clicked Join now: what they wait from here on is the join as they feel it.
  | 'tfx:join-clicked'
  | 'tfx:join-sent'
  | 'tfx:datachannel-open'
  | 'tfx:first-remote-frame'
  // The popup has its words and the remembered name: a person can start a call.
  | 'tfx:popup-ready'
  // The pre-join preview shows the camera's first frame.
  | 'tfx:preview-shown';

export function markMoment(moment: CallMoment, peerId?: string): void {
  performance.mark(moment, { detail: peerId ? { peerId } : null });
}

/** How much video one outgoing stream may use. */
export interface VideoBudget {
  maxBitrate: number;
  scaleResolutionDownBy: number;
}

/**
 * In a mesh every person encodes and uploads one stream per other participant, so each stream
 * gets a smaller share as the room grows: 720p uncapped one-to-one, 360p for five others.
 */
export function videoBudgetFor(remotePeers: number): VideoBudget | null {
  // One-to-one: leave the encoder alone (reconfiguring it delays the first frame).
  if (remotePeers <= 1) return null;
  if (remotePeers <= 3) return { maxBitrate: 900_000, scaleResolutionDownBy: 1.5 };
  return { maxBitrate: 450_000, scaleResolutionDownBy: 2 };
}

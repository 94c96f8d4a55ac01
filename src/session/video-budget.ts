/** How much video one outgoing stream may use. */
export interface VideoBudget {
  maxBitrate: number;
  scaleResolutionDownBy: number;
}

/**
 * In a mesh every person encodes and uploads one stream per other participant, and decodes one
 * from each, so each stream gets a smaller share as the room grows. The size follows the tile
 * it lands in: from a 720p camera, 480p for a row of three, 360p for a 2×2 grid, 240p for a
 * 3×2 grid. Sending more pixels than the tile shows only costs everyone CPU and bandwidth.
 */
export function videoBudgetFor(remotePeers: number): VideoBudget | null {
  // One-to-one: leave the encoder alone (reconfiguring it delays the first frame).
  if (remotePeers <= 1) return null;
  if (remotePeers === 2) return { maxBitrate: 900_000, scaleResolutionDownBy: 1.5 };
  if (remotePeers === 3) return { maxBitrate: 600_000, scaleResolutionDownBy: 2 };
  return { maxBitrate: 350_000, scaleResolutionDownBy: 3 };
}

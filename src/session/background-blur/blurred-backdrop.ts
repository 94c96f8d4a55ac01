/** How much smaller the background is drawn before it is stretched back: a strong blur. */
const SHRINK = 16;

/**
 * Draws a frame with its background blurred: the whole frame shrunk and stretched back (a
 * blur that costs two small draws), then the person, cut out of the sharp frame by the
 * segmentation's mask, on top. Until the first mask, all of the picture is blurred: better the
 * person blurred for a moment than the room shown.
 */
export class BlurredBackdrop {
  private readonly small = new OffscreenCanvas(1, 1);
  private readonly person = new OffscreenCanvas(1, 1);

  draw(
    paint: OffscreenCanvasRenderingContext2D,
    frame: VideoFrame,
    mask: OffscreenCanvas | undefined,
  ): void {
    const { width, height } = paint.canvas;
    const smallWidth = Math.max(1, Math.ceil(width / SHRINK));
    const smallHeight = Math.max(1, Math.ceil(height / SHRINK));
    if (this.small.width !== smallWidth || this.small.height !== smallHeight) {
      this.small.width = smallWidth;
      this.small.height = smallHeight;
    }
    this.small.getContext('2d')!.drawImage(frame, 0, 0, smallWidth, smallHeight);
    paint.imageSmoothingEnabled = true;
    paint.imageSmoothingQuality = 'medium';
    paint.drawImage(this.small, 0, 0, width, height);
    if (!mask) return;
    if (this.person.width !== width || this.person.height !== height) {
      this.person.width = width;
      this.person.height = height;
    }
    const cutOut = this.person.getContext('2d')!;
    cutOut.globalCompositeOperation = 'copy';
    cutOut.drawImage(mask, 0, 0, width, height);
    cutOut.globalCompositeOperation = 'source-in';
    cutOut.drawImage(frame, 0, 0, width, height);
    paint.drawImage(this.person, 0, 0);
  }
}

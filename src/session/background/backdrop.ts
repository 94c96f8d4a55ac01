/** How much smaller the background is drawn before it is stretched back: a strong blur. */
const SHRINK = 16;

/** A picture that can go behind the person: a preset (a canvas) or their own (a bitmap). */
export type BackdropPicture = ImageBitmap | OffscreenCanvas;

/**
 * Draws a frame with what is behind the person changed: blurred (the whole frame shrunk and
 * stretched back, a blur that costs two small draws) or replaced by a picture, cropped to fill
 * the frame. The person, cut out of the sharp frame by the segmentation's mask, goes on top.
 * Until the first mask, all of the picture is blurred: better the person blurred for a moment
 * than the room shown.
 */
export class Backdrop {
  private readonly small = new OffscreenCanvas(1, 1);
  private readonly person = new OffscreenCanvas(1, 1);

  draw(
    paint: OffscreenCanvasRenderingContext2D,
    frame: VideoFrame,
    mask: OffscreenCanvas | undefined,
    picture: BackdropPicture | undefined,
  ): void {
    const { width, height } = paint.canvas;
    paint.imageSmoothingEnabled = true;
    paint.imageSmoothingQuality = 'medium';
    if (picture && mask) drawCovering(paint, picture, width, height);
    else this.drawBlurred(paint, frame, width, height);
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

  private drawBlurred(
    paint: OffscreenCanvasRenderingContext2D,
    frame: VideoFrame,
    width: number,
    height: number,
  ): void {
    const smallWidth = Math.max(1, Math.ceil(width / SHRINK));
    const smallHeight = Math.max(1, Math.ceil(height / SHRINK));
    if (this.small.width !== smallWidth || this.small.height !== smallHeight) {
      this.small.width = smallWidth;
      this.small.height = smallHeight;
    }
    this.small.getContext('2d')!.drawImage(frame, 0, 0, smallWidth, smallHeight);
    paint.drawImage(this.small, 0, 0, width, height);
  }
}

/** The part of the picture with the frame's shape, centred, scaled to fill the frame. */
export function coveringCrop(
  picture: { width: number; height: number },
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } {
  const scale = Math.max(width / picture.width, height / picture.height);
  const cropWidth = width / scale;
  const cropHeight = height / scale;
  return {
    x: (picture.width - cropWidth) / 2,
    y: (picture.height - cropHeight) / 2,
    width: cropWidth,
    height: cropHeight,
  };
}

function drawCovering(
  paint: OffscreenCanvasRenderingContext2D,
  picture: BackdropPicture,
  width: number,
  height: number,
): void {
  const crop = coveringCrop(picture, width, height);
  paint.drawImage(picture, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
}

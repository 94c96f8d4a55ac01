/** How much smaller the background is drawn before it is stretched back: a strong blur. */
const SHRINK = 16;

/** A picture that can go behind the person: a preset (a canvas) or their own (a bitmap). */
export type BackdropPicture = ImageBitmap | OffscreenCanvas;

/** How much smaller a picture is composed with the mask before it is stretched over the frame. */
const PICTURE_SHRINK = 2;

/**
 * Draws a frame with what is behind the person changed: blurred (the whole frame shrunk and
 * stretched back, a blur that costs two small draws) or replaced by a picture, cropped to fill
 * the frame. Until the first mask, all of the picture is blurred: better the person blurred for
 * a moment than the room shown.
 *
 * Full-size draws are what cost frames here (software canvas, about 6 ms each at 1280×720), so
 * there are two: the sharp frame, then the background over it with a hole where the person is.
 * The hole is cut at a smaller size: the mask's own (256×144) for the blur, half the frame's
 * for a picture, and stretched up with the background. Cutting the person out of the sharp
 * frame at full size instead took four full-size draws and cost half the frames.
 */
export class Backdrop {
  private readonly small = new OffscreenCanvas(1, 1);
  private readonly layer = new OffscreenCanvas(1, 1);

  draw(
    paint: OffscreenCanvasRenderingContext2D,
    frame: VideoFrame,
    mask: OffscreenCanvas | undefined,
    picture: BackdropPicture | undefined,
  ): void {
    const { width, height } = paint.canvas;
    paint.imageSmoothingEnabled = true;
    paint.imageSmoothingQuality = 'medium';
    if (!mask) {
      paint.drawImage(this.blurred(frame, width, height), 0, 0, width, height);
      return;
    }
    const [layerWidth, layerHeight] = picture
      ? [Math.ceil(width / PICTURE_SHRINK), Math.ceil(height / PICTURE_SHRINK)]
      : [mask.width, mask.height];
    fit(this.layer, layerWidth, layerHeight);
    const background = this.layer.getContext('2d')!;
    background.globalCompositeOperation = 'copy';
    background.imageSmoothingEnabled = true;
    if (picture) drawCovering(background, picture, layerWidth, layerHeight);
    else background.drawImage(this.blurred(frame, width, height), 0, 0, layerWidth, layerHeight);
    background.globalCompositeOperation = 'destination-out';
    background.drawImage(mask, 0, 0, layerWidth, layerHeight);
    paint.drawImage(frame, 0, 0, width, height);
    paint.drawImage(this.layer, 0, 0, width, height);
  }

  /** The frame shrunk to a sixteenth each way: stretched back up, it is the blur. */
  private blurred(frame: VideoFrame, width: number, height: number): OffscreenCanvas {
    fit(
      this.small,
      Math.max(1, Math.ceil(width / SHRINK)),
      Math.max(1, Math.ceil(height / SHRINK)),
    );
    this.small.getContext('2d')!.drawImage(frame, 0, 0, this.small.width, this.small.height);
    return this.small;
  }
}

function fit(canvas: OffscreenCanvas, width: number, height: number): void {
  if (canvas.width === width && canvas.height === height) return;
  canvas.width = width;
  canvas.height = height;
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

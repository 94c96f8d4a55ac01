/** A face in a frame, as fractions of the frame's width and height (0–1), so any size fits. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box in pixels of a frame of this size. */
export function inPixels(box: FaceBox, width: number, height: number): FaceBox {
  return {
    x: box.x * width,
    y: box.y * height,
    width: box.width * width,
    height: box.height * height,
  };
}

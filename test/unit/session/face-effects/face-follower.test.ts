import { describe, expect, it } from 'vitest';
import { FaceFollower } from '../../../../src/session/face-effects/face-follower.js';

const face = (x: number, y = 0.3, size = 0.25) => ({ x, y, width: size, height: size });

describe('FaceFollower', () => {
  it('shows nothing until a face is detected, then draws it where it was found', () => {
    const follower = new FaceFollower();
    expect(follower.step()).toEqual([]);
    follower.detected([face(0.2)]);
    expect(follower.step()).toEqual([face(0.2)]);
  });

  it('eases the overlay toward where the face moved, frame by frame, without jumping', () => {
    const follower = new FaceFollower();
    follower.detected([face(0.2)]);
    follower.step();
    follower.detected([face(0.3)]);
    const positions = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(() => follower.step()[0]!.x);
    // Each frame closer, never past it, and there within ten frames (a second at 10 fps).
    for (let n = 1; n < positions.length; n++)
      expect(positions[n]).toBeGreaterThan(positions[n - 1]!);
    expect(positions[0]).toBeLessThan(0.25);
    expect(positions.at(-1)).toBeCloseTo(0.3, 2);
  });

  it('keeps a face one detection missed, and lets it go after two', () => {
    const follower = new FaceFollower();
    follower.detected([face(0.2)]);
    follower.detected([]);
    expect(follower.step()).toHaveLength(1);
    follower.detected([]);
    expect(follower.step()).toEqual([]);
  });

  it('takes a detection far from every shown face for another face, placed at once', () => {
    const follower = new FaceFollower();
    follower.detected([face(0.1)]);
    follower.step();
    follower.detected([face(0.1), face(0.7)]);
    expect(follower.step().map((box) => box.x)).toEqual([0.1, 0.7]);
  });

  it('moves a face that jumped across the frame at once, and drops the old place next time', () => {
    const follower = new FaceFollower();
    follower.detected([face(0.1)]);
    follower.detected([face(0.7)]);
    // Until the next detection confirms it is gone, the old place keeps its overlay: for
    // "blur my face", a face is better hidden twice than shown once.
    expect(follower.step().map((box) => box.x)).toEqual([0.7, 0.1]);
    follower.detected([face(0.7)]);
    expect(follower.step().map((box) => box.x)).toEqual([0.7]);
  });

  it('with jumps followed, takes a face found far away while the shown one went missing for it, moved', () => {
    const follower = new FaceFollower();
    follower.detected([face(0.1)], true);
    follower.step();
    follower.detected([face(0.7)], true);
    // One overlay, on its way from the old place to the new one, there within ten frames.
    const first = follower.step().map((box) => box.x);
    expect(first).toHaveLength(1);
    expect(first[0]).toBeGreaterThan(0.1);
    expect(first[0]).toBeLessThan(0.7);
    for (let frame = 0; frame < 10; frame++) follower.step();
    expect(follower.step()[0]!.x).toBeCloseTo(0.7, 2);
  });

  it('with jumps followed, still keeps a face one detection missed when none appeared elsewhere', () => {
    const follower = new FaceFollower();
    follower.detected([face(0.1), face(0.7)], true);
    follower.detected([face(0.1)], true);
    expect(follower.step().map((box) => box.x)).toEqual([0.1, 0.7]);
  });
});

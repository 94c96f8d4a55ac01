import type { FaceBox } from '../../../src/session/face-effects/face-box.js';

export declare const CLIP: { width: number; height: number; fps: number; framesPerSide: number };
export declare function faceIn(side: 'left' | 'right'): FaceBox;
export declare function faceClip(): Promise<string>;

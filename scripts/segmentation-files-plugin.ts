/**
 * Ships the person-segmentation model and its runtime (the legacy @mediapipe/selfie_segmentation
 * package: a 249 KB TFLite model and its WebAssembly) inside the build, for background blur
 * (src/session/background/). Nothing is downloaded at run time. The package is a classic
 * script that loads its own files by name, so they are copied as they are, not bundled.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Where the files sit in the build; the call page loads them from there. */
export const SEGMENTATION_FOLDER = 'vendor/selfie-segmentation';
const PACKAGE = 'node_modules/@mediapipe/selfie_segmentation';

// Chrome 120 and later have WebAssembly SIMD, so the loader only ever asks for the SIMD build.
const FILES = [
  'selfie_segmentation.js',
  'selfie_segmentation_solution_simd_wasm_bin.js',
  'selfie_segmentation_solution_simd_wasm_bin.wasm',
  'selfie_segmentation.binarypb',
  'selfie_segmentation_landscape.tflite',
  'selfie_segmentation.tflite',
];

export function segmentationFilesPlugin(): Plugin {
  return {
    name: 'tfx-segmentation-files',
    generateBundle() {
      for (const file of FILES)
        this.emitFile({
          type: 'asset',
          fileName: `${SEGMENTATION_FOLDER}/${file}`,
          source: readFileSync(`${PACKAGE}/${file}`),
        });
    },
  };
}

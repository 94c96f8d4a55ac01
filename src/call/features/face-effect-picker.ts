import type { CallContext } from '../call-context.js';
import type { FaceEffect } from '../../session/face-effects/face-overlays.js';
import { t, type MessageKey } from '../../shared/i18n.js';
import { wireLookPicker } from './look-picker.js';

const EFFECT_NAME: Record<FaceEffect, MessageKey> = {
  none: 'face_none',
  sunglasses: 'face_sunglasses',
  hat: 'face_hat',
  mask: 'face_mask',
  blur: 'face_blur',
};

/**
 * The Face picker, beside Filter in the camera's menu: an overlay that follows your face
 * (sunglasses, a hat, a smiley mask) or your face blurred, in what everyone sees, live.
 */
export const title: MessageKey = 'feature_face_effect_picker';

export function start({ session, log }: CallContext, signal: AbortSignal): void {
  const media = session.media;
  const problem = document.querySelector<HTMLElement>('#face-problem')!;
  const shown = wireLookPicker({
    label: '#face-picker',
    select: '#face-select',
    names: EFFECT_NAME,
    current: media.faceEffect,
    choose: (effect) => {
      problem.textContent = '';
      media.setFaceEffect(effect);
    },
    signal,
  });
  if (!shown) return;
  media.on(
    'faceEffectProblem',
    (reason) => {
      log.warn('A video effect cannot run', reason);
      problem.textContent = t('face_effect_unavailable', reason);
    },
    { signal },
  );
}

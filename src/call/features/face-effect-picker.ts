import type { CallContext } from '../call-context.js';
import { canFilterVideo } from '../../session/video-filter.js';
import {
  FACE_EFFECTS,
  isFaceEffect,
  type FaceEffect,
} from '../../session/face-effects/face-overlays.js';
import { t, type MessageKey } from '../../shared/i18n.js';

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
  const picker = document.querySelector<HTMLSelectElement>('#face-select')!;
  const problem = document.querySelector<HTMLElement>('#face-problem')!;
  if (!canFilterVideo()) {
    document.querySelector<HTMLElement>('#face-picker')!.hidden = true;
    return;
  }
  picker.replaceChildren(
    ...FACE_EFFECTS.map((effect) => new Option(t(EFFECT_NAME[effect]), effect)),
  );
  picker.value = media.faceEffect;
  picker.addEventListener(
    'change',
    () => {
      problem.textContent = '';
      if (isFaceEffect(picker.value)) media.setFaceEffect(picker.value);
    },
    { signal },
  );
  media.on(
    'faceEffectProblem',
    (reason) => {
      log.warn('A video effect cannot run', reason);
      problem.textContent = t('face_effect_unavailable', reason);
    },
    { signal },
  );
}

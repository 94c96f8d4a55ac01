import type { CallContext } from '../call-context.js';
import {
  PICTURE_TYPES,
  isPictureRefusal,
  type PictureRefusal,
} from '../../protocol/picture-file.js';
import { readOwnPicture } from '../../session/background/own-picture.js';
import type { Background } from '../../session/video-filter.js';
import { t, type MessageKey } from '../../shared/i18n.js';
import { wireLookPicker } from './look-picker.js';

const BACKGROUND_NAME: Record<Background, MessageKey> = {
  none: 'background_none',
  blur: 'background_blur',
  hills: 'background_hills',
  seaside: 'background_seaside',
  studio: 'background_studio',
  bookshelf: 'background_bookshelf',
  own: 'background_own',
};

const REFUSAL: Record<PictureRefusal, MessageKey> = {
  NOT_A_PICTURE: 'background_not_a_picture',
  PICTURE_TOO_LARGE: 'background_picture_too_large',
  UNREADABLE_PICTURE: 'background_picture_unreadable',
};

/**
 * The Background picker, beside Filter and Face in the camera's menu: what is behind you as it
 * is, blurred, or replaced by a picture (one of ours, or one from your disk), in what everyone
 * sees, live. "Your picture" is offered once you have chosen one. Why a background cannot be
 * changed, or a file not used, is said in the camera menu's one note (#face-problem).
 */
export const title: MessageKey = 'feature_background_picker';

export function start({ session, log }: CallContext, signal: AbortSignal): void {
  const media = session.media;
  const note = document.querySelector<HTMLElement>('#face-problem')!;
  const choose = document.querySelector<HTMLButtonElement>('#background-choose-own')!;
  const shown = wireLookPicker({
    label: '#background-picker',
    select: '#background-select',
    names: BACKGROUND_NAME,
    current: media.background,
    choose: (background) => {
      note.textContent = '';
      media.setBackground(background);
    },
    signal,
  });
  if (!shown) {
    choose.hidden = true;
    return;
  }
  const select = document.querySelector<HTMLSelectElement>('#background-select')!;
  const ownOption = select.querySelector<HTMLOptionElement>('option[value="own"]')!;
  if (!media.hasOwnPicture) ownOption.remove();

  const file = document.querySelector<HTMLInputElement>('#background-file')!;
  file.accept = PICTURE_TYPES.join(',');
  choose.addEventListener('click', () => file.click(), { signal });
  file.addEventListener(
    'change',
    () => {
      const chosen = file.files?.[0];
      file.value = ''; // the same file chosen again is a change too
      if (!chosen) return;
      void readOwnPicture(chosen).then((read) => {
        if (signal.aborted) return;
        if (!read.ok) {
          log.warn('A background picture was refused', read.reason);
          const refusal = isPictureRefusal(read.reason) ? read.reason : 'UNREADABLE_PICTURE';
          note.textContent = t(REFUSAL[refusal]);
          return;
        }
        note.textContent = '';
        media.setBackground('own', read.value);
        if (!ownOption.isConnected) select.append(ownOption);
        select.value = 'own';
      });
    },
    { signal },
  );
}

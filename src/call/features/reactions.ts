import { REACTIONS, type Reaction } from '../../protocol/peer-control.js';
import type { CallContext } from '../call-context.js';
import { TileGrid } from '../stage/tile-grid.js';
import { showToast } from './toasts.js';
import { t, type MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_reactions';

/** What each reaction looks like, and its name for people who do not see it. */
const SHOWN: Record<Reaction, { emoji: string; name: MessageKey }> = {
  'thumbs-up': { emoji: '👍', name: 'reaction_thumbs_up' },
  heart: { emoji: '❤️', name: 'reaction_heart' },
  laugh: { emoji: '😂', name: 'reaction_laugh' },
  clap: { emoji: '👏', name: 'reaction_clap' },
  surprised: { emoji: '😮', name: 'reaction_surprised' },
  party: { emoji: '🎉', name: 'reaction_party' },
};

/** Long enough to be seen from across the room, short enough not to cover the face for long. */
const FLOAT_MS = 3_500;

/**
 * Emoji reactions, as in Meet: picked from the React menu, sent to everyone over the call's
 * control channel, and floated over the sender's tile for a moment. They are announced in the
 * polite live region too, so a person who cannot see them still hears who reacted.
 */
export function start({ grid, control, log }: CallContext, signal: AbortSignal): void {
  const list = document.querySelector<HTMLElement>('#reaction-list')!;

  const float = (peerId: string, reaction: Reaction): void => {
    const figure = grid.captionOf(peerId)?.closest('figure');
    if (!figure) return;
    const bubble = document.createElement('span');
    bubble.className = 'reaction';
    // The live region says it; the picture itself is decoration.
    bubble.setAttribute('aria-hidden', 'true');
    bubble.textContent = SHOWN[reaction].emoji;
    figure.append(bubble);
    setTimeout(() => bubble.remove(), FLOAT_MS);
  };

  list.replaceChildren(
    ...REACTIONS.map((reaction) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'reaction-choice';
      button.textContent = SHOWN[reaction].emoji;
      button.setAttribute('aria-label', t(SHOWN[reaction].name));
      button.title = t(SHOWN[reaction].name);
      button.addEventListener(
        'click',
        () => {
          float(TileGrid.SELF, reaction);
          control
            .send({ type: 'reaction:sent', reaction })
            .catch((error: unknown) => log.warn('Could not send the reaction', error));
        },
        { signal },
      );
      return button;
    }),
  );

  control.on(
    'reaction:sent',
    ({ control: { reaction }, from }) => {
      float(from.id, reaction);
      showToast(t('reaction_toast', from.name, SHOWN[reaction].emoji));
    },
    { signal },
  );
}

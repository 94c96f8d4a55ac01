import * as tfx from '@tfx/sdk';
import { Compartment, type Extension } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from 'codemirror';
import { yCollab } from 'y-codemirror.next';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CodeSync } from './code-sync';
import { languageAids, sharedEditorSetup } from './editor-setup';
import { LANGUAGES, languageById } from './languages';
import { colourFor } from './peer-colour';
import { CODE_STRINGS, type CodeStrings } from './code-strings';

const picker = document.querySelector<HTMLSelectElement>('#language')!;
const people = document.querySelector<HTMLUListElement>('#people')!;
const status = document.querySelector<HTMLElement>('#status')!;

const doc = new Y.Doc();
const text = doc.getText('code');
/** Shared settings: the language, so everyone sees the same highlighting. */
const settings = doc.getMap<unknown>('settings');
const awareness = new Awareness(doc);
// Only edits made here are undone by Ctrl+Z here; a peer's typing is never undone by us.
const undoManager = new Y.UndoManager(text);

// English until the host has said hello and the reader's words are known (below).
let words: CodeStrings = CODE_STRINGS.en;

const sync = new CodeSync(doc, awareness, {
  send: (bytes, to) => {
    tfx.sendMessage(bytes, to === undefined ? {} : { to }).catch((error: unknown) => {
      status.textContent = words.notSent((error as Error).message);
    });
  },
});

for (const language of LANGUAGES) picker.add(new Option(language.label, language.id));
const languageSlot = new Compartment();
const labelSlot = new Compartment();
const editorLabel = (label: string) => EditorView.contentAttributes.of({ 'aria-label': label });

function currentLanguage() {
  return languageById(settings.get('language'));
}

// The call's colours, from the SDK: the page's styles switch on data-theme, the editor on this.
const themeSlot = new Compartment();
const editorTheme = (theme: tfx.Theme) => (theme === 'dark' ? oneDark : []);
document.documentElement.dataset.theme = tfx.theme();

const view = new EditorView({
  parent: document.querySelector('#editor')!,
  extensions: [
    sharedEditorSetup,
    themeSlot.of(editorTheme(tfx.theme())),
    // Plain text until the language's chunk has arrived (showLanguage, below).
    languageSlot.of([]),
    yCollab(text, awareness, { undoManager }),
    labelSlot.of(editorLabel(CODE_STRINGS.en.code)),
  ],
});

// Highlights in the shared language once its chunk is here; a later choice wins over an earlier
// one still loading.
async function showLanguage(): Promise<void> {
  const language = currentLanguage();
  picker.value = language.id;
  let support: Extension;
  try {
    support = await Promise.all([language.load(), languageAids()]);
  } catch (error) {
    status.textContent = words.languageNotLoaded(language.label, (error as Error).message);
    return;
  }
  if (currentLanguage() !== language) return;
  view.dispatch({ effects: languageSlot.reconfigure(support) });
}
void showLanguage();
settings.observe(() => void showLanguage());
picker.addEventListener('change', () => settings.set('language', picker.value));
tfx.onThemeChanged((theme) => {
  document.documentElement.dataset.theme = theme;
  view.dispatch({ effects: themeSlot.reconfigure(editorTheme(theme)) });
});

/** Who is here, each in the colour of their cursor. */
function showPeople(): void {
  const items = [...awareness.getStates().values()].flatMap((state) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (typeof user?.name !== 'string' || typeof user.color !== 'string') return [];
    const item = document.createElement('li');
    item.textContent = user.name;
    item.style.setProperty('--colour', user.color);
    return [item];
  });
  people.replaceChildren(...items);
}
awareness.on('change', showPeople);

tfx.onMessage((data, from) => sync.receive(data, from.id));
tfx.onPeerJoined((peer) => sync.meet(peer.id));
tfx.onPeerLeft((peer) => sync.part(peer.id));

await tfx.ready();
words = tfx.stringsFor(CODE_STRINGS);
document.documentElement.lang = tfx.language();
document.querySelector('#language-label')!.textContent = words.language;
picker.setAttribute('aria-label', words.language);
people.setAttribute('aria-label', words.editingNow);
document.querySelector('#editor')!.setAttribute('aria-label', words.sharedCode);
view.dispatch({ effects: labelSlot.reconfigure(editorLabel(words.code)) });
// The language is shared from here on; the page kept the picker disabled until now.
picker.disabled = false;
const me = tfx.self();
const colour = colourFor(me.id);
awareness.setLocalStateField('user', { name: me.name, color: colour, colorLight: `${colour}33` });
for (const peer of tfx.peers()) sync.meet(peer.id);
view.focus();

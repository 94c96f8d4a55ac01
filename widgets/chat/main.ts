import * as tfx from '@tfx/sdk';
import { sharedMap } from '@tfx/sdk/state';
import { ChatLog } from './chat-log';
import { shownLines } from './chat-lines';
import { MAX_TEXT, chatTextSchema } from './chat-protocol';
import { CHAT_STRINGS } from './chat-strings';
import { defaultLanguage, languageChoices, languageNamer } from './chat-languages';
import { ChatTranslation } from './chat-translation';

// The call's colours, from the SDK: the page's styles switch on data-theme.
const showTheme = (theme: tfx.Theme): void => {
  document.documentElement.dataset.theme = theme;
};
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

const form = document.querySelector<HTMLFormElement>('#compose')!;
const input = document.querySelector<HTMLTextAreaElement>('#text')!;
const problem = document.querySelector<HTMLElement>('#problem')!;
const list = document.querySelector<HTMLOListElement>('#log')!;
const empty = document.querySelector<HTMLElement>('#empty')!;

// The reader's language is the host's word, known once the widget is connected.
await tfx.ready();
const words = tfx.stringsFor(CHAT_STRINGS);
document.documentElement.lang = tfx.language();
list.setAttribute('aria-label', words.messages);
empty.textContent = words.empty;
input.setAttribute('aria-label', words.message);
input.placeholder = words.placeholder;
form.querySelector('button')!.textContent = words.send;

// Each incoming line in the language this person reads, by the browser's own models; where it
// cannot (Debian's Chromium detects no languages), lines show as written and one quiet note
// says why.
const languageBar = document.querySelector<HTMLElement>('#language-bar')!;
const languagePicker = document.querySelector<HTMLSelectElement>('#my-language')!;
const translationNote = document.querySelector<HTMLElement>('#translation-note')!;
const storedLanguage = await tfx.storage.get('myLanguage');
const translation = new ChatTranslation(
  tfx.translation,
  typeof storedLanguage === 'string' ? storedLanguage : defaultLanguage(navigator.language),
  () => log.render(),
);
const log = new ChatLog(list, empty, words, {
  of: (line) => translation.of(line),
  nameOf: languageNamer(tfx.language()),
  allowDownload: () => translation.retryDownloads(shownNow()),
});

// The conversation is shared state: each person's lines are their own entries (nobody can
// write or replace another's), handed to newcomers, and kept over a reload on this device.
const lines = sharedMap(tfx, 'lines', { writers: 'author', schema: chatTextSchema });
const shownNow = () => shownLines(lines.entries(), tfx.self().id);
const render = () => log.render(shownNow());

// A host that cannot answer is a host without a translator: the chat works as before.
const noTranslator = { state: 'unavailable', why: 'no-translator' } as const;
void translation
  .start()
  .catch(() => noTranslator)
  .then((status) => {
    if (status.state === 'unavailable') {
      translationNote.textContent =
        status.why === 'no-translator' ? words.noTranslator : words.noDetector;
      translationNote.hidden = false;
      return;
    }
    document.querySelector('label[for="my-language"]')!.textContent = words.myLanguage;
    languagePicker.replaceChildren(
      ...languageChoices(tfx.language()).map(({ tag, name }) => new Option(name, tag)),
    );
    languagePicker.value = translation.myLanguage;
    languagePicker.addEventListener('change', () => {
      translation.setLanguage(languagePicker.value);
      void tfx.storage.set('myLanguage', languagePicker.value);
    });
    languageBar.hidden = false;
    render();
  });

let unread = 0;
let sequence = 0;

lines.onChange(({ local, copied, deleted }) => {
  render();
  // Only a line said while this person was here is news; what they were handed is history.
  if (local || copied || deleted || tfx.isVisible()) return;
  unread += 1;
  tfx.setBadge(unread);
});

async function submit(): Promise<void> {
  const text = input.value.trim().slice(0, MAX_TEXT);
  if (text === '') return;
  input.value = '';
  problem.textContent = '';
  try {
    await lines.set(`${Date.now()}:${sequence++}`, { text, at: Date.now() });
  } catch (error) {
    problem.textContent = words.notDelivered((error as Error).message);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    void submit();
  }
});

tfx.onVisibilityChanged((visible) => {
  if (!visible) return;
  unread = 0;
  tfx.setBadge(0);
  input.focus();
});

// Only now can a line go anywhere; the page kept the composer disabled until here.
await lines.ready;
render();
document.querySelector<HTMLFieldSetElement>('#controls')!.disabled = false;

import { describe, expect, it } from 'vitest';
import { createTestRoom } from '@tfx/sdk/testing';
import { ChatTranslation, type LineTranslation } from '../../../widgets/chat/chat-translation';
import { defaultLanguage, languageChoices } from '../../../widgets/chat/chat-languages';
import { fakeBuiltInAi } from '../widget-host/translation/fake-built-in-ai.js';

/** Chat's translation for one reader, through the SDK and the test host's wire. */
async function reader(options: Parameters<typeof fakeBuiltInAi>[0] = {}, language = 'en') {
  const fake = fakeBuiltInAi(options);
  const room = createTestRoom({ builtInAi: fake.ai });
  const { tfx } = await room.join('Ana');
  const translation = new ChatTranslation(tfx.translation, language, () => undefined);
  // Done when no line is still being translated: each answer crosses the wire as a message.
  const settled = async () => {
    while (translation.busy) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { translation, fake, settled };
}

const line = (id: string, text: string) => ({ id, text });

describe('Chat in my language', () => {
  it('shows a line from another language translated, naming the language', async () => {
    const { translation, settled } = await reader();
    expect(await translation.start()).toEqual({ state: 'available' });
    expect(translation.of(line('1', '[de] Guten Morgen'))).toEqual({ kind: 'translating' });
    await settled();
    expect(translation.of(line('1', '[de] Guten Morgen'))).toEqual<LineTranslation>({
      kind: 'translated',
      from: 'de',
      text: '(de>en) Guten Morgen',
    });
    expect(translation.of(line('2', '[en] Hi'))).toEqual({ kind: 'translating' });
    await settled();
    expect(translation.of(line('2', '[en] Hi'))).toEqual({ kind: 'as-written' });
  });

  it('translates again into a newly chosen language, and keeps the old results', async () => {
    const { translation, settled, fake } = await reader();
    await translation.start();
    translation.of(line('1', '[de] Hallo'));
    await settled();
    translation.setLanguage('de');
    expect(translation.of(line('1', '[de] Hallo'))).toEqual({ kind: 'translating' });
    await settled();
    expect(translation.of(line('1', '[de] Hallo'))).toEqual({ kind: 'as-written' });
    translation.setLanguage('en');
    expect(translation.of(line('1', '[de] Hallo'))).toMatchObject({ kind: 'translated' });
    expect(fake.calls.translatorsCreated).toEqual(['de>en']);
  });

  it('shows everything as written where the browser has no translator', async () => {
    const room = createTestRoom();
    const { tfx } = await room.join('Ana');
    const translation = new ChatTranslation(tfx.translation, 'en', () => undefined);
    expect(await translation.start()).toEqual({ state: 'unavailable', why: 'no-translator' });
    expect(translation.of(line('1', '[de] Hallo'))).toEqual({ kind: 'as-written' });
  });

  it('offers a download that a click starts, for every line waiting on it', async () => {
    const { translation, settled, fake } = await reader({ downloaded: false });
    expect(await translation.start()).toEqual({ state: 'downloadable' });
    const lines = [line('1', '[de] Eins'), line('2', '[de] Zwei'), line('3', '[fr] Trois')];
    for (const each of lines) translation.of(each);
    await settled();
    expect(lines.map((each) => translation.of(each).kind)).toEqual([
      'needs-download',
      'needs-download',
      'needs-download',
    ]);
    fake.click();
    translation.retryDownloads(lines);
    await settled();
    expect(lines.map((each) => translation.of(each))).toEqual([
      { kind: 'translated', from: 'de', text: '(de>en) Eins' },
      { kind: 'translated', from: 'de', text: '(de>en) Zwei' },
      { kind: 'translated', from: 'fr', text: '(fr>en) Trois' },
    ]);
  });

  it('shows a line as written when its language has no model', async () => {
    const { translation, settled } = await reader();
    await translation.start();
    translation.of(line('1', '[ja] こんにちは'));
    await settled();
    expect(translation.of(line('1', '[ja] こんにちは'))).toEqual({ kind: 'as-written' });
  });
});

describe('the languages Chat offers', () => {
  it('defaults to the browser’s, by language rather than region', () => {
    expect(defaultLanguage('de-AT')).toBe('de');
    expect(defaultLanguage('zh-TW')).toBe('zh-Hant');
    expect(defaultLanguage('zh-CN')).toBe('zh');
    expect(defaultLanguage('tlh')).toBe('en');
  });

  it('names each in the reader’s language, in its order', () => {
    const inGerman = languageChoices('de');
    expect(inGerman.find(({ tag }) => tag === 'en')?.name).toBe('Englisch');
    const names = inGerman.map(({ name }) => name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
  });
});

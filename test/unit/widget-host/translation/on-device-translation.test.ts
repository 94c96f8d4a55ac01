import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/app-error.js';
import {
  OnDeviceTranslation,
  sameLanguage,
} from '../../../../src/widget-host/translation/on-device-translation.js';
import { builtInAi } from '../../../../src/widget-host/translation/built-in-ai.js';
import { fakeBuiltInAi } from './fake-built-in-ai.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('on-device translation for widgets', () => {
  it('says why it is unavailable where the browser has no translator or no detector', async () => {
    expect(await new OnDeviceTranslation({}).status()).toEqual({
      state: 'unavailable',
      why: 'no-translator',
    });
    const { ai } = fakeBuiltInAi();
    const withoutDetector = new OnDeviceTranslation({ translator: ai.translator! });
    expect(await withoutDetector.status()).toEqual({
      state: 'unavailable',
      why: 'no-language-detector',
    });
    expect(await codeOf(new OnDeviceTranslation({}).translate('[de] Hallo', 'en'))).toBe(
      'UNAVAILABLE',
    );
  });

  it('finds neither API on a page without them, as in Debian’s Chromium', () => {
    expect(builtInAi({})).toEqual({});
    const { ai } = fakeBuiltInAi();
    const found = builtInAi({ Translator: ai.translator, LanguageDetector: ai.languageDetector });
    expect(found.translator).toBe(ai.translator);
    expect(found.languageDetector).toBe(ai.languageDetector);
  });

  it('translates from the detected language, and names it', async () => {
    const translation = new OnDeviceTranslation(fakeBuiltInAi().ai);
    expect(await translation.status()).toEqual({ state: 'available' });
    expect(await translation.translate('[de] Guten Morgen', 'en')).toEqual({
      text: '(de>en) Guten Morgen',
      from: 'de',
      translated: true,
    });
  });

  it('gives back text already in the reader’s language, or in none it can tell, as written', async () => {
    const { ai, calls } = fakeBuiltInAi();
    const translation = new OnDeviceTranslation(ai);
    expect(await translation.translate('[en-GB] Good morning', 'en')).toEqual({
      text: '[en-GB] Good morning',
      from: 'en-GB',
      translated: false,
    });
    expect(await translation.translate('42 !!', 'en')).toEqual({
      text: '42 !!',
      from: 'und',
      translated: false,
    });
    expect(calls.translatorsCreated).toEqual([]);
  });

  it('refuses a pair the browser has no model for with UNAVAILABLE', async () => {
    const translation = new OnDeviceTranslation(fakeBuiltInAi().ai);
    expect(await codeOf(translation.translate('[ja] こんにちは', 'en'))).toBe('UNAVAILABLE');
  });

  it('asks for a click before a download (NEEDS_DOWNLOAD), and downloads after one', async () => {
    const { ai, calls, click } = fakeBuiltInAi({ downloaded: false });
    const translation = new OnDeviceTranslation(ai);
    expect(await translation.status()).toEqual({ state: 'downloadable' });
    expect(await codeOf(translation.translate('[de] Hallo', 'en'))).toBe('NEEDS_DOWNLOAD');
    click();
    expect((await translation.translate('[de] Hallo', 'en')).text).toBe('(de>en) Hallo');
    expect(calls.detectorsCreated).toBe(1);
  });

  it('loads each pair once, and lets go of the least recently used past four', async () => {
    const pairs = ['de>en', 'fr>en', 'es>en', 'it>en', 'pt>en'];
    const { ai, calls } = fakeBuiltInAi({ pairs });
    const translation = new OnDeviceTranslation(ai);
    for (const language of ['de', 'fr', 'de', 'es', 'it', 'de', 'pt'])
      await translation.translate(`[${language}] x`, 'en');
    expect(calls.translatorsCreated).toEqual(pairs);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // German was used again after French, so French is the one let go.
    expect(calls.destroyed).toEqual(['fr>en']);
  });
});

describe('sameLanguage', () => {
  it('reads a region as the same language and a script as another', () => {
    expect(sameLanguage('de-AT', 'de')).toBe(true);
    expect(sameLanguage('EN', 'en-us')).toBe(true);
    expect(sameLanguage('zh-Hant', 'zh')).toBe(false);
    expect(sameLanguage('zh-Hant-TW', 'zh-hant')).toBe(true);
    expect(sameLanguage('pt', 'es')).toBe(false);
  });
});

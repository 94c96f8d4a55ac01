import type {
  BuiltInAi,
  LanguagePair,
  ModelAvailability,
} from '../../../../src/widget-host/translation/built-in-ai.js';

/**
 * Chrome's Translator and Language Detector as a test wants them: a detector that reads the
 * language from a `[de]` prefix, and translators that tag the text with their pair. Each model
 * is "downloadable" until created with a click (`click()`), as Chrome requires.
 */
export function fakeBuiltInAi({
  pairs = ['de>en', 'en>de', 'fr>en'],
  downloaded = true,
}: { pairs?: string[]; downloaded?: boolean } = {}) {
  const calls = {
    detectorsCreated: 0,
    translatorsCreated: [] as string[],
    destroyed: [] as string[],
  };
  let activation = false;
  // Answers come later, as the browser's do; a throw inside becomes a rejection.
  const later = <T>(make: () => T): Promise<T> => Promise.resolve().then(make);
  const state = (ready: boolean): ModelAvailability => (ready ? 'available' : 'downloadable');
  const needClick = () => {
    if (downloaded || activation) return;
    throw new DOMException('Requires a user gesture', 'NotAllowedError');
  };
  const ai: BuiltInAi = {
    languageDetector: {
      availability: () => later(() => state(downloaded)),
      create: () =>
        later(() => {
          needClick();
          calls.detectorsCreated++;
          return {
            detect: (text: string) =>
              later(() => {
                const tag = /^\[([a-z-]+)\]/i.exec(text)?.[1];
                return tag
                  ? [{ detectedLanguage: tag, confidence: 0.9 }]
                  : [{ detectedLanguage: 'und', confidence: 1 }];
              }),
            destroy: () => undefined,
          };
        }),
    },
    translator: {
      availability: ({ sourceLanguage, targetLanguage }: LanguagePair) =>
        later(() =>
          pairs.includes(`${sourceLanguage}>${targetLanguage}`)
            ? state(downloaded)
            : ('unavailable' as const),
        ),
      create: ({ sourceLanguage, targetLanguage }: LanguagePair) =>
        later(() => {
          needClick();
          const pair = `${sourceLanguage}>${targetLanguage}`;
          calls.translatorsCreated.push(pair);
          return {
            translate: (text: string) =>
              later(() => `(${pair}) ${text.replace(/^\[[a-z-]+\] /i, '')}`),
            destroy: () => void calls.destroyed.push(pair),
          };
        }),
    },
  };
  return {
    ai,
    calls,
    /** The person clicks: models may be downloaded from now on. */
    click: () => {
      activation = true;
    },
  };
}

/**
 * The browser's on-device Translator and Language Detector (Chrome 138+), as far as the host
 * uses them. This is the one place that reads them from the page, so tests hand in their own.
 * https://webmachinelearning.github.io/translation-api/
 */
export type ModelAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface LanguagePair {
  sourceLanguage: string;
  targetLanguage: string;
}

export interface OnDeviceTranslator {
  translate(text: string): Promise<string>;
  destroy(): void;
}

export interface TranslatorFactory {
  availability(pair: LanguagePair): Promise<ModelAvailability>;
  create(pair: LanguagePair): Promise<OnDeviceTranslator>;
}

export interface LanguageGuess {
  detectedLanguage: string;
  confidence: number;
}

export interface OnDeviceLanguageDetector {
  detect(text: string): Promise<LanguageGuess[]>;
  destroy(): void;
}

export interface LanguageDetectorFactory {
  availability(): Promise<ModelAvailability>;
  create(): Promise<OnDeviceLanguageDetector>;
}

export interface BuiltInAi {
  translator?: TranslatorFactory;
  languageDetector?: LanguageDetectorFactory;
}

/**
 * What this page's browser offers; either may be missing. Debian's Chromium 156 has both, but
 * its Language Detector reports 'unavailable' (its Translator says 'downloadable').
 */
export function builtInAi(scope: object = globalThis): BuiltInAi {
  const found = scope as {
    Translator?: TranslatorFactory;
    LanguageDetector?: LanguageDetectorFactory;
  };
  return {
    ...(found.Translator ? { translator: found.Translator } : {}),
    ...(found.LanguageDetector ? { languageDetector: found.LanguageDetector } : {}),
  };
}

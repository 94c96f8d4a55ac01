import type { Translation, TranslationStatus } from '../../protocol/widget.js';
import { errors } from '../../shared/app-error.js';
import type {
  BuiltInAi,
  LanguagePair,
  OnDeviceLanguageDetector,
  OnDeviceTranslator,
} from './built-in-ai.js';

/** What the detector says when it cannot tell. */
export const UNDETERMINED = 'und';
/** Below this the detector's guess is not acted on: the text is shown as written. */
const MIN_CONFIDENCE = 0.5;
/** Language pairs kept loaded at once; each holds a model in the browser's memory. */
const MAX_TRANSLATORS = 4;

/**
 * Translation on this device for the widgets that may ask for it: the browser's own models,
 * shared by every widget on the page and loaded once per language pair. No text leaves the
 * device through here. Creating a model that must be downloaded needs a person's click, which
 * the browser checks: a request without one is answered NEEDS_DOWNLOAD, so the widget can offer
 * a button.
 */
export class OnDeviceTranslation {
  private detector: Promise<OnDeviceLanguageDetector> | undefined;
  private readonly translators = new Map<string, Promise<OnDeviceTranslator>>();

  constructor(private readonly ai: BuiltInAi) {}

  async status(): Promise<TranslationStatus> {
    if (!this.ai.translator) return { state: 'unavailable', why: 'no-translator' };
    if (!this.ai.languageDetector) return { state: 'unavailable', why: 'no-language-detector' };
    const detector = await this.ai.languageDetector.availability();
    return detector === 'unavailable'
      ? { state: 'unavailable', why: 'no-language-detector' }
      : { state: detector };
  }

  /** `text` in the language `to`, with the language it was in; as given when already there. */
  async translate(text: string, to: string): Promise<Translation> {
    const from = await this.detect(text);
    if (from === UNDETERMINED || sameLanguage(from, to)) return { text, from, translated: false };
    const translator = await this.translatorFor({ sourceLanguage: from, targetLanguage: to });
    return { text: await translator.translate(text), from, translated: true };
  }

  private async detect(text: string): Promise<string> {
    const factory = this.ai.languageDetector;
    if (!factory) throw errors.unavailable('This browser has no on-device language detector.');
    this.detector ??= loaded(() => factory.create(), 'Detecting languages').catch(
      (error: unknown) => {
        this.detector = undefined; // a click may allow it next time
        throw error;
      },
    );
    const [best] = await (await this.detector).detect(text);
    return best && best.confidence >= MIN_CONFIDENCE ? best.detectedLanguage : UNDETERMINED;
  }

  private translatorFor(pair: LanguagePair): Promise<OnDeviceTranslator> {
    const factory = this.ai.translator;
    if (!factory) throw errors.unavailable('This browser has no on-device translator.');
    const key = `${pair.sourceLanguage}>${pair.targetLanguage}`;
    const known = this.translators.get(key);
    if (known) {
      // Most recently used last, so the oldest pair is the one let go.
      this.translators.delete(key);
      this.translators.set(key, known);
      return known;
    }
    const made = (async () => {
      if ((await factory.availability(pair)) === 'unavailable')
        throw errors.unavailable(
          `This browser has no on-device model from ${pair.sourceLanguage} to ${pair.targetLanguage}.`,
        );
      return loaded(() => factory.create(pair), `Translating from ${pair.sourceLanguage}`);
    })();
    made.catch(() => this.translators.delete(key));
    this.translators.set(key, made);
    this.letGoOfOldest();
    return made;
  }

  private letGoOfOldest(): void {
    while (this.translators.size > MAX_TRANSLATORS) {
      const [oldest, model] = this.translators.entries().next().value!;
      this.translators.delete(oldest);
      void model.then((translator) => translator.destroy()).catch(() => undefined);
    }
  }
}

/** A model, or NEEDS_DOWNLOAD when the browser wants a click before fetching it. */
async function loaded<T>(create: () => Promise<T>, what: string): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotAllowedError')
      throw errors.needsDownload(what);
    throw error;
  }
}

/** The same language for reading: 'de' and 'de-AT' are, 'zh-Hans' and 'zh-Hant' are not. */
export function sameLanguage(a: string, b: string): boolean {
  const readable = (tag: string) => {
    const [language = '', second = ''] = tag.toLowerCase().split('-');
    // A script subtag (four letters) changes how a text reads; a region does not.
    return second.length === 4 ? `${language}-${second}` : language;
  };
  return readable(a) === readable(b);
}

/**
 * The languages offered under "My language": those Chrome's on-device Translator covers
 * (https://developer.chrome.com/docs/ai/translator-api), as BCP 47 tags.
 */
export const TRANSLATOR_LANGUAGES = [
  'ar',
  'bg',
  'bn',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'fi',
  'fr',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'kn',
  'ko',
  'lt',
  'mr',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'ta',
  'te',
  'th',
  'tr',
  'uk',
  'vi',
  'zh',
  'zh-Hant',
] as const;

/** The browser's language as the list has it: 'de-AT' is 'de', 'zh-TW' reads 'zh-Hant'. */
export function defaultLanguage(browserLanguage: string): string {
  const [language = 'en', second = ''] = browserLanguage.split('-');
  if (language === 'zh' && ['TW', 'HK', 'MO', 'Hant'].includes(second)) return 'zh-Hant';
  const known = TRANSLATOR_LANGUAGES.find((tag) => tag === language.toLowerCase());
  return known ?? 'en';
}

/** A language's name in the reader's language ('de' is "German" to an English reader). */
export function languageNamer(readerLanguage: string): (tag: string) => string {
  const names = new Intl.DisplayNames([readerLanguage, 'en'], { type: 'language' });
  return (tag) => {
    try {
      return names.of(tag) ?? tag;
    } catch {
      return tag; // a tag Intl cannot read: shown as it came
    }
  };
}

/** Each language with its name in the reader's language, in that language's order. */
export function languageChoices(readerLanguage: string): { tag: string; name: string }[] {
  const nameOf = languageNamer(readerLanguage);
  return TRANSLATOR_LANGUAGES.map((tag) => ({ tag, name: nameOf(tag) })).sort((a, b) =>
    a.name.localeCompare(b.name, readerLanguage),
  );
}

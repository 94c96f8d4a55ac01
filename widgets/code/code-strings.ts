/**
 * Code's words in each language TFX Sessions ships. The SDK picks the reader's (`stringsFor`);
 * the compiler holds every language to English's keys. Programming languages keep their names.
 */
const en = {
  language: 'Language',
  editingNow: 'Editing now',
  sharedCode: 'Shared code',
  code: 'Code',
  notSent: (why: string) => `Not sent: ${why}`,
  languageNotLoaded: (language: string, why: string) =>
    `${language} highlighting could not be loaded: ${why}`,
};

export type CodeStrings = typeof en;

export const CODE_STRINGS: Record<'en' | 'es' | 'de' | 'fr' | 'hi', CodeStrings> = {
  en,
  es: {
    language: 'Lenguaje',
    editingNow: 'Editando ahora',
    sharedCode: 'Código compartido',
    code: 'Código',
    notSent: (why) => `No enviado: ${why}`,
    languageNotLoaded: (language, why) => `No se pudo cargar el resaltado de ${language}: ${why}`,
  },
  de: {
    language: 'Sprache',
    editingNow: 'Bearbeiten gerade',
    sharedCode: 'Gemeinsamer Code',
    code: 'Code',
    notSent: (why) => `Nicht gesendet: ${why}`,
    languageNotLoaded: (language, why) =>
      `Die Hervorhebung für ${language} konnte nicht geladen werden: ${why}`,
  },
  fr: {
    language: 'Langage',
    editingNow: 'En train de modifier',
    sharedCode: 'Code partagé',
    code: 'Code',
    notSent: (why) => `Non envoyé : ${why}`,
    languageNotLoaded: (language, why) =>
      `Impossible de charger la coloration de ${language} : ${why}`,
  },
  hi: {
    language: 'भाषा',
    editingNow: 'अभी संपादन कर रहे हैं',
    sharedCode: 'साझा कोड',
    code: 'कोड',
    notSent: (why) => `नहीं भेजा गया: ${why}`,
    languageNotLoaded: (language, why) => `${language} हाइलाइटिंग लोड नहीं हो सकी: ${why}`,
  },
};

/**
 * Chat's words in each language TFX Sessions ships. The SDK picks the reader's (`stringsFor`);
 * the compiler holds every language to English's keys, so none can miss one.
 */
const en = {
  messages: 'Messages',
  empty: 'No messages yet. Say hello!',
  message: 'Message',
  placeholder: 'Message everyone (Enter to send, Shift+Enter for a new line)',
  send: 'Send',
  notDelivered: (why: string) => `Not delivered: ${why}`,
  earlier: (via: string) => `earlier · as ${via}’s chat has it`,
  myLanguage: 'My language',
  translatedFrom: (language: string) => `Translated from ${language}`,
  showOriginal: 'Show original',
  showTranslation: 'Show translation',
  translate: 'Translate',
  downloadOnce: '(your browser downloads this language once)',
  noTranslator: 'Messages show as written: this browser has no on-device translator.',
  noDetector: 'Messages show as written: this browser cannot tell languages apart on this device.',
};

export type ChatStrings = typeof en;

export const CHAT_STRINGS: Record<'en' | 'es' | 'de' | 'fr' | 'hi', ChatStrings> = {
  en,
  es: {
    messages: 'Mensajes',
    empty: 'Aún no hay mensajes. ¡Saluda!',
    message: 'Mensaje',
    placeholder: 'Escribe a todos (Intro para enviar, Mayús+Intro para una línea nueva)',
    send: 'Enviar',
    notDelivered: (why) => `No entregado: ${why}`,
    earlier: (via) => `antes · tal como lo tiene el chat de ${via}`,
    myLanguage: 'Mi idioma',
    translatedFrom: (language) => `Traducido del ${language}`,
    showOriginal: 'Ver original',
    showTranslation: 'Ver traducción',
    translate: 'Traducir',
    downloadOnce: '(tu navegador descarga este idioma una sola vez)',
    noTranslator:
      'Los mensajes se muestran tal como se escribieron: este navegador no tiene traductor en el dispositivo.',
    noDetector:
      'Los mensajes se muestran tal como se escribieron: este navegador no distingue idiomas en este dispositivo.',
  },
  de: {
    messages: 'Nachrichten',
    empty: 'Noch keine Nachrichten. Sag Hallo!',
    message: 'Nachricht',
    placeholder: 'Nachricht an alle (Eingabe zum Senden, Umschalt+Eingabe für eine neue Zeile)',
    send: 'Senden',
    notDelivered: (why) => `Nicht zugestellt: ${why}`,
    earlier: (via) => `früher · wie der Chat von ${via} es hat`,
    myLanguage: 'Meine Sprache',
    translatedFrom: (language) => `Übersetzt aus ${language}`,
    showOriginal: 'Original zeigen',
    showTranslation: 'Übersetzung zeigen',
    translate: 'Übersetzen',
    downloadOnce: '(dein Browser lädt diese Sprache einmal herunter)',
    noTranslator:
      'Nachrichten erscheinen wie geschrieben: Dieser Browser hat keinen Übersetzer auf dem Gerät.',
    noDetector:
      'Nachrichten erscheinen wie geschrieben: Dieser Browser erkennt auf diesem Gerät keine Sprachen.',
  },
  fr: {
    messages: 'Messages',
    empty: 'Pas encore de messages. Dites bonjour !',
    message: 'Message',
    placeholder: 'Écrire à tous (Entrée pour envoyer, Maj+Entrée pour une nouvelle ligne)',
    send: 'Envoyer',
    notDelivered: (why) => `Non remis : ${why}`,
    earlier: (via) => `plus tôt · tel que le chat de ${via} l’a`,
    myLanguage: 'Ma langue',
    translatedFrom: (language) => `Traduit depuis : ${language}`,
    showOriginal: 'Voir l’original',
    showTranslation: 'Voir la traduction',
    translate: 'Traduire',
    downloadOnce: '(votre navigateur télécharge cette langue une seule fois)',
    noTranslator:
      'Les messages s’affichent tels qu’écrits : ce navigateur n’a pas de traducteur sur l’appareil.',
    noDetector:
      'Les messages s’affichent tels qu’écrits : ce navigateur ne reconnaît pas les langues sur cet appareil.',
  },
  hi: {
    messages: 'संदेश',
    empty: 'अभी कोई संदेश नहीं। नमस्ते कहिए!',
    message: 'संदेश',
    placeholder: 'सबको संदेश भेजें (भेजने के लिए Enter, नई पंक्ति के लिए Shift+Enter)',
    send: 'भेजें',
    notDelivered: (why) => `नहीं पहुँचा: ${why}`,
    earlier: (via) => `पहले का · जैसा ${via} की चैट में है`,
    myLanguage: 'मेरी भाषा',
    translatedFrom: (language) => `${language} से अनुवादित`,
    showOriginal: 'मूल दिखाएँ',
    showTranslation: 'अनुवाद दिखाएँ',
    translate: 'अनुवाद करें',
    downloadOnce: '(आपका ब्राउज़र यह भाषा एक बार डाउनलोड करता है)',
    noTranslator: 'संदेश जैसे लिखे गए वैसे ही दिखते हैं: इस ब्राउज़र में डिवाइस पर अनुवादक नहीं है।',
    noDetector: 'संदेश जैसे लिखे गए वैसे ही दिखते हैं: यह ब्राउज़र इस डिवाइस पर भाषाएँ नहीं पहचान सकता।',
  },
};

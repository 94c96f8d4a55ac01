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
  },
  de: {
    messages: 'Nachrichten',
    empty: 'Noch keine Nachrichten. Sag Hallo!',
    message: 'Nachricht',
    placeholder: 'Nachricht an alle (Eingabe zum Senden, Umschalt+Eingabe für eine neue Zeile)',
    send: 'Senden',
    notDelivered: (why) => `Nicht zugestellt: ${why}`,
    earlier: (via) => `früher · wie der Chat von ${via} es hat`,
  },
  fr: {
    messages: 'Messages',
    empty: 'Pas encore de messages. Dites bonjour !',
    message: 'Message',
    placeholder: 'Écrire à tous (Entrée pour envoyer, Maj+Entrée pour une nouvelle ligne)',
    send: 'Envoyer',
    notDelivered: (why) => `Non remis : ${why}`,
    earlier: (via) => `plus tôt · tel que le chat de ${via} l’a`,
  },
  hi: {
    messages: 'संदेश',
    empty: 'अभी कोई संदेश नहीं। नमस्ते कहिए!',
    message: 'संदेश',
    placeholder: 'सबको संदेश भेजें (भेजने के लिए Enter, नई पंक्ति के लिए Shift+Enter)',
    send: 'भेजें',
    notDelivered: (why) => `नहीं पहुँचा: ${why}`,
    earlier: (via) => `पहले का · जैसा ${via} की चैट में है`,
  },
};

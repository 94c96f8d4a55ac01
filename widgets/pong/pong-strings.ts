/**
 * Ping-pong's words in each language TFX Sessions ships. The SDK picks the reader's
 * (`stringsFor`); the compiler holds every language to English's keys.
 */
const en = {
  playWith: 'Play with',
  start: 'Start a game',
  end: 'End game',
  score: 'Score',
  table: 'Table',
  intro:
    'Start a game with someone in the call. Move your paddle with the mouse or the arrow keys.',
  you: 'You',
  someone: 'Someone',
  nobody: 'Nobody to play with yet.',
  youPlayLeft: (name: string) => `You play left against ${name}.`,
  gameOver: 'Game over.',
  playsYou: (name: string) => `${name} plays you: you are on the right.`,
  plays: (left: string, right: string) => `${left} plays ${right}.`,
  left: (name: string) => `${name} left.`,
  notSent: (why: string) => `Not sent: ${why}`,
};

export type PongStrings = typeof en;

export const PONG_STRINGS: Record<'en' | 'es' | 'de' | 'fr' | 'hi', PongStrings> = {
  en,
  es: {
    playWith: 'Jugar con',
    start: 'Empezar una partida',
    end: 'Terminar la partida',
    score: 'Marcador',
    table: 'Mesa',
    intro:
      'Empieza una partida con alguien de la llamada. Mueve tu pala con el ratón o con las flechas.',
    you: 'Tú',
    someone: 'Alguien',
    nobody: 'Aún no hay con quién jugar.',
    youPlayLeft: (name) => `Juegas a la izquierda contra ${name}.`,
    gameOver: 'Fin de la partida.',
    playsYou: (name) => `${name} juega contigo: estás a la derecha.`,
    plays: (left, right) => `${left} juega contra ${right}.`,
    left: (name) => `${name} se fue.`,
    notSent: (why) => `No enviado: ${why}`,
  },
  de: {
    playWith: 'Spielen mit',
    start: 'Spiel starten',
    end: 'Spiel beenden',
    score: 'Punktestand',
    table: 'Tisch',
    intro:
      'Starte ein Spiel mit jemandem im Anruf. Bewege deinen Schläger mit der Maus oder den Pfeiltasten.',
    you: 'Du',
    someone: 'Jemand',
    nobody: 'Noch niemand zum Spielen da.',
    youPlayLeft: (name) => `Du spielst links gegen ${name}.`,
    gameOver: 'Spiel vorbei.',
    playsYou: (name) => `${name} spielt gegen dich: Du bist rechts.`,
    plays: (left, right) => `${left} spielt gegen ${right}.`,
    left: (name) => `${name} ist gegangen.`,
    notSent: (why) => `Nicht gesendet: ${why}`,
  },
  fr: {
    playWith: 'Jouer avec',
    start: 'Lancer une partie',
    end: 'Finir la partie',
    score: 'Score',
    table: 'Table',
    intro:
      'Lancez une partie avec quelqu’un de l’appel. Déplacez votre raquette avec la souris ou les flèches.',
    you: 'Vous',
    someone: 'Quelqu’un',
    nobody: 'Personne avec qui jouer pour l’instant.',
    youPlayLeft: (name) => `Vous jouez à gauche contre ${name}.`,
    gameOver: 'Partie terminée.',
    playsYou: (name) => `${name} joue contre vous : vous êtes à droite.`,
    plays: (left, right) => `${left} joue contre ${right}.`,
    left: (name) => `${name} est parti.`,
    notSent: (why) => `Non envoyé : ${why}`,
  },
  hi: {
    playWith: 'किसके साथ खेलें',
    start: 'खेल शुरू करें',
    end: 'खेल ख़त्म करें',
    score: 'स्कोर',
    table: 'टेबल',
    intro: 'कॉल में किसी के साथ खेल शुरू करें। अपना पैडल माउस या तीर वाली कुंजियों से चलाएँ।',
    you: 'आप',
    someone: 'कोई',
    nobody: 'अभी खेलने के लिए कोई नहीं है।',
    youPlayLeft: (name) => `आप बाईं ओर से ${name} के ख़िलाफ़ खेल रहे हैं।`,
    gameOver: 'खेल ख़त्म।',
    playsYou: (name) => `${name} आपसे खेल रहे हैं: आप दाईं ओर हैं।`,
    plays: (left, right) => `${left} और ${right} खेल रहे हैं।`,
    left: (name) => `${name} चले गए।`,
    notSent: (why) => `नहीं भेजा गया: ${why}`,
  },
};

/**
 * Stats' words in each language TFX Sessions ships. The SDK picks the reader's (`stringsFor`);
 * the compiler holds every language to English's keys. Units (ms, kbps, fps) and RTT stay.
 */
const en = {
  waiting: 'Waiting for someone to connect…',
  statisticsFor: (name: string) => `Statistics for ${name}`,
  roundTripAndLoss: 'Round trip (ms) and loss (%)',
  bitrate: 'Bitrate (kbps)',
  loss: 'loss',
  in: 'in',
  out: 'out',
  pathUnknown: 'path unknown',
};

export type StatsStrings = typeof en;

export const STATS_STRINGS: Record<'en' | 'es' | 'de' | 'fr' | 'hi', StatsStrings> = {
  en,
  es: {
    waiting: 'Esperando a que alguien se conecte…',
    statisticsFor: (name) => `Estadísticas de ${name}`,
    roundTripAndLoss: 'Ida y vuelta (ms) y pérdida (%)',
    bitrate: 'Tasa de bits (kbps)',
    loss: 'pérdida',
    in: 'entrada',
    out: 'salida',
    pathUnknown: 'ruta desconocida',
  },
  de: {
    waiting: 'Warte darauf, dass sich jemand verbindet…',
    statisticsFor: (name) => `Statistik für ${name}`,
    roundTripAndLoss: 'Umlaufzeit (ms) und Verlust (%)',
    bitrate: 'Bitrate (kbps)',
    loss: 'Verlust',
    in: 'ein',
    out: 'aus',
    pathUnknown: 'Weg unbekannt',
  },
  fr: {
    waiting: 'En attente d’une connexion…',
    statisticsFor: (name) => `Statistiques de ${name}`,
    roundTripAndLoss: 'Aller-retour (ms) et pertes (%)',
    bitrate: 'Débit (kbps)',
    loss: 'pertes',
    in: 'entrant',
    out: 'sortant',
    pathUnknown: 'chemin inconnu',
  },
  hi: {
    waiting: 'किसी के कनेक्ट होने का इंतज़ार…',
    statisticsFor: (name) => `${name} के आँकड़े`,
    roundTripAndLoss: 'आने-जाने का समय (ms) और नुकसान (%)',
    bitrate: 'बिटरेट (kbps)',
    loss: 'नुकसान',
    in: 'आने वाला',
    out: 'जाने वाला',
    pathUnknown: 'रास्ता अज्ञात',
  },
};

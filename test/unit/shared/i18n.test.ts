import { describe, expect, it } from 'vitest';
import { formatMessage, t } from '../../../src/shared/i18n.js';
import { acceptedLanguages, pickLanguage } from '../../../src/locales/languages.js';

describe('the reader’s language', () => {
  it('fills $1…$9 as chrome.i18n does, with $$ for a dollar sign', () => {
    expect(formatMessage('$1 and $2 pay $$3', ['Ana', 'Bea'])).toBe('Ana and Bea pay $3');
    expect(formatMessage('$2 before $1', ['one', 'two'])).toBe('two before one');
  });

  it('looks strings up in the catalogue in use, with their substitutions', () => {
    expect(t('call_room_title', 'abc')).toBe('Room abc');
    expect(t('peek_full', 6)).toBe('This room is full (6 people).');
  });

  it('picks the closest shipped language, or English', () => {
    expect(pickLanguage(['es-MX', 'en'])).toBe('es');
    expect(pickLanguage(['pt-BR', 'de-AT'])).toBe('de');
    expect(pickLanguage(['ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('reads Accept-Language by weight, then by order', () => {
    expect(acceptedLanguages('en;q=0.5, fr-CH, fr;q=0.9, *;q=0.1, de;q=0')).toEqual([
      'fr-CH',
      'fr',
      'en',
    ]);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(pickLanguage(acceptedLanguages('hi-IN,hi;q=0.9,en-US;q=0.8'))).toBe('hi');
  });
});

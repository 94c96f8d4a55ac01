/**
 * The catalogues and the code agree: every language has every key English has and no other,
 * with the same $1…$9; every key is used; and nothing a person reads in a page, or a common
 * DOM assignment in the code, is left in English outside the catalogue.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Catalogue } from '../../../src/locales/languages.js';
import { TRANSLATED_ATTRIBUTES } from '../../../src/shared/i18n.js';

const catalogue = (language: string) =>
  JSON.parse(readFileSync(`src/locales/${language}/messages.json`, 'utf8')) as Catalogue;
const english = catalogue('en');
const englishKeys = Object.keys(english).sort();

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The pages of the extension and the web client: what a person reads. */
const PAGES = filesUnder('src', /\.html$/).filter(
  // The playground is a developer's tool, in English; the runner shows only its widget.
  (page) => !page.startsWith('src/playground') && !page.startsWith('src/widget-host'),
);
/** Code that builds what a person reads. The playground is a developer's tool, in English. */
const UI_CODE = filesUnder('src', /\.ts$/).filter((file) =>
  /^src\/(call|popup|options|welcome|session|shared)\//.test(file),
);

const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();

/**
 * Words that are the same in a language: product names and what a translator would keep. A
 * value equal to English outside this list is a string someone forgot to translate.
 */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  es: [
    'extension_name',
    'call_widgets',
    'feature_widget_platform',
    'filter_sepia',
    'consent_no',
    'widget_title_chat',
    'widget_title_pong',
  ],
  de: [
    'extension_name',
    'popup_optional',
    'call_widgets',
    'control_filter',
    'feature_widget_platform',
    'reaction_party',
    'filter_sepia',
    'filter_warm',
    'widget_title_chat',
    'widget_title_code',
    'background_studio',
  ],
  fr: [
    'extension_name',
    'call_participants',
    'call_widgets',
    'feature_widget_platform',
    'widget_title_chat',
    'widget_title_code',
    'widget_title_pong',
    'background_studio',
  ],
  hi: ['extension_name'],
};

describe('the catalogues', () => {
  it('ship the five languages, English the default', () => {
    const folders = readdirSync('src/locales', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...LANGUAGES].sort());
    const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;
    expect(manifest.default_locale).toBe('en');
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'has in %s exactly the keys English has, each translated, with the same placeholders',
    (language) => {
      const translated = catalogue(language);
      const keys = Object.keys(translated).sort();
      expect(
        englishKeys.filter((key) => !keys.includes(key)),
        'missing',
      ).toEqual([]);
      expect(
        keys.filter((key) => !englishKeys.includes(key)),
        'not in English',
      ).toEqual([]);
      const kept = SAME_AS_ENGLISH[language] ?? [];
      const untranslated = englishKeys.filter(
        (key) =>
          !kept.includes(key) &&
          /\p{L}{2}/u.test(english[key]!.message) &&
          translated[key]?.message === english[key]!.message,
      );
      expect(untranslated, 'the same as English').toEqual([]);
      const mismatched = englishKeys.filter(
        (key) =>
          placeholders(english[key]!.message).join() !==
          placeholders(translated[key]?.message ?? '').join(),
      );
      expect(mismatched, 'other placeholders than English').toEqual([]);
    },
  );

  it('has no key that nothing uses', () => {
    const used = [
      ...filesUnder('src', /\.(ts|html)$/),
      ...filesUnder('widgets', /\.(ts|html)$/),
      'manifest.json',
    ]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = englishKeys.filter(
      (key) =>
        !used.includes(`'${key}'`) &&
        !used.includes(`"${key}"`) &&
        !used.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });

  it('has a key for every data-i18n in the pages', () => {
    const marked = PAGES.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/data-i18n(?:-[\w-]+)?="(\w+)"/g)].map(
        (match) => match[1]!,
      ),
    );
    expect(marked.filter((key) => !(key in english))).toEqual([]);
  });
});

describe('what a person reads', () => {
  it.each(PAGES)('in %s comes from the catalogue', (page) => {
    const { document } = parseHTML(readFileSync(page, 'utf8'));
    const untranslated: string[] = [];
    const walk = (node: Node, translated: boolean): void => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const text = child.textContent!.trim();
          if (!translated && /\p{L}/u.test(text)) untranslated.push(text);
        } else if (child.nodeType === 1) {
          const element = child as Element;
          if (['SCRIPT', 'STYLE'].includes(element.tagName)) continue;
          for (const attribute of TRANSLATED_ATTRIBUTES) {
            const value = element.getAttribute(attribute);
            if (
              value &&
              /\p{L}/u.test(value) &&
              !/^[a-z]+:/.test(value) &&
              !element.hasAttribute(`data-i18n-${attribute}`)
            ) {
              untranslated.push(`${attribute}="${value}"`);
            }
          }
          walk(element, translated || element.hasAttribute('data-i18n'));
        }
      }
    };
    walk(document.documentElement, false);
    expect(untranslated).toEqual([]);
    // Translating replaces a marked element's content: it must hold text (and code) only.
    const holdingElements = [...document.querySelectorAll('[data-i18n]')]
      .filter((element) => [...element.children].some((child) => child.tagName !== 'CODE'))
      .map((element) => element.outerHTML.slice(0, 80));
    expect(holdingElements).toEqual([]);
  });

  it('is not set in English by the code', () => {
    const english = UI_CODE.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        // Words, not what is filled in: `${…}` is taken out before looking for them.
        .filter((line) =>
          /(textContent|\.title|ariaLabel)\s*=\s*['`][^'`]*\p{Ll}{2}|setAttribute\('(aria-label|title|placeholder|alt)',\s*['`][^'`]*\p{Ll}{2}|banner\.show\(\s*['`]|(note|say|showToast)\(\s*['`][^'`]*\p{Ll}{2}/u.test(
            line.replace(/\$\{[^}]*\}/g, ''),
          ),
        )
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(english).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LANGUAGES } from '../../../src/domain/language';
import { conjunction, literal, text } from '../../../src/domain/text';
import { DEFAULT_LOCALES_DIR, loadTranslator, type Translator } from '../../../src/i18n/translator';
import { tempDir } from '../../support/test-app';

const LOCALES_DIR = path.resolve(__dirname, '../../../locales');

function readNamespace(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;
}

function stringAt(tree: Record<string, unknown>, key: string): string {
  const value = tree[key];
  if (typeof value !== 'string') throw new Error(`${key} is not a string`);
  return value;
}

/** A list kept as one `a | b | c` string in the locale files. */
function listAt(tree: Record<string, unknown>, key: string): string[] {
  const value = tree[key];
  return typeof value === 'string' ? value.split('|').map((w) => w.trim()).filter((w) => w !== '') : [];
}

let translator: Translator;

beforeAll(() => {
  translator = loadTranslator('fr');
});

describe('loadTranslator', () => {
  test('reads the locales folder of the project by default', () => {
    expect(DEFAULT_LOCALES_DIR).toBe(LOCALES_DIR);
    expect(translator.defaultLanguage).toBe('fr');
  });

  test('renders in the language asked, and in the default language for someone without one', () => {
    const menu = readNamespace('fr', 'menu');
    const menuEn = readNamespace('en', 'menu');
    expect(translator.render(text('menu:prompt'), 'fr')).toBe(stringAt(menu, 'prompt'));
    expect(translator.render(text('menu:prompt'), 'en')).toBe(stringAt(menuEn, 'prompt'));
    expect(translator.render(text('menu:prompt'), null)).toBe(stringAt(menu, 'prompt'));
    expect(loadTranslator('en').render(text('menu:prompt'), null)).toBe(stringAt(menuEn, 'prompt'));
  });

  test('a key without a namespace is in common', () => {
    expect(translator.render(text('flow.cancelled'), 'en')).toBe(translator.render(text('common:flow.cancelled'), 'en'));
    expect(translator.has('flow.cancelled', 'fr')).toBe(true);
  });

  test('interpolates parameters, rendering nested texts and lists in the reader’s language', () => {
    expect(translator.render(text('privacy:my_data.contact', { channel: text('common:channel.console'), address: literal('camille') }), 'en')).toBe(
      '- console: camille',
    );
    expect(translator.render(text('profile:reminders.here_on', { channel: text('common:channel.telegram') }), 'fr')).toBe('ici (Telegram)');
    expect(translator.render(text('help:human', { contact: 'Mairie' }), 'en')).toBe('To talk to a person: Mairie');
    expect(translator.render(text('privacy:my_data.summary_contacts', { contacts: [text('menu:help'), literal('Beaulieu')], consents: '' }), 'en')).toContain('Help\nBeaulieu');
  });

  test('joins a conjunction as the reader’s language does, rendering its items first', () => {
    const people = conjunction([literal('Camille'), text('menu:help'), literal('Zoé')]);
    expect(translator.render(text('help:human', { contact: people }), 'fr')).toBe('Pour parler à une personne : Camille, Aide et Zoé');
    expect(translator.render(text('help:human', { contact: people }), 'en')).toBe('To talk to a person: Camille, Help and Zoé');
    expect(translator.render(text('help:human', { contact: conjunction([literal('Camille')]) }), 'en')).toBe('To talk to a person: Camille');
  });

  test('does not escape HTML: the renderer of each channel does', () => {
    expect(translator.render(text('help:human', { contact: '<b>Mairie & co</b>' }), 'fr')).toContain('<b>Mairie & co</b>');
  });

  test('renders a literal as it is, in every language', () => {
    expect(translator.render(literal('Saint-Éloi'), 'en')).toBe('Saint-Éloi');
    expect(translator.render(literal('Saint-Éloi'), null)).toBe('Saint-Éloi');
  });

  test('uses plural forms', () => {
    expect(translator.render(text('cli:volunteers.count', { count: 1 }), 'en')).toBe('1 volunteer.');
    expect(translator.render(text('cli:volunteers.count', { count: 3 }), 'en')).toBe('3 volunteers.');
    expect(translator.render(text('cli:volunteers.count', { count: 1 }), 'fr')).toBe('1 volontaire.');
    expect(translator.render(text('cli:volunteers.count', { count: 3 }), 'fr')).toBe('3 volontaires.');
  });

  test('has() tells whether a key exists', () => {
    expect(translator.has('menu:prompt', 'en')).toBe(true);
    expect(translator.has('menu:does_not_exist', 'fr')).toBe(false);
    expect(translator.has('nonexistent_namespace:key', 'fr')).toBe(false);
  });
});

describe('variants', () => {
  test('gives the French and English renderings of a label plus its <key>_aliases, in language order', () => {
    const fr = readNamespace('fr', 'menu');
    const en = readNamespace('en', 'menu');
    const variants = translator.variants(text('menu:register'));
    expect(variants).toEqual([stringAt(fr, 'register'), ...listAt(fr, 'register_aliases'), stringAt(en, 'register'), ...listAt(en, 'register_aliases')]);
    expect(variants).toEqual(expect.arrayContaining(["M'inscrire comme volontaire", 'Register as a volunteer', 'inscription', 'sign up']));
  });

  test('works for nested keys and keys without aliases', () => {
    expect(translator.variants(text('privacy:erase.yes'))).toEqual(expect.arrayContaining(['Oui, tout effacer', 'Yes, erase everything', 'oui', 'yes']));
    const fr = readNamespace('fr', 'profile');
    const en = readNamespace('en', 'profile');
    expect(translator.variants(text('profile:which_field'))).toEqual([stringAt(fr, 'which_field'), stringAt(en, 'which_field')]);
  });

  test('gives a literal label as it is', () => {
    expect(translator.variants(literal('Trois-Cités'))).toEqual(['Trois-Cités']);
  });
});

describe('keywordWords', () => {
  test('stop includes the words of both languages', () => {
    const words = translator.keywordWords('stop');
    expect(words).toEqual(expect.arrayContaining(['stop', 'arrêt', 'arret', 'unsubscribe']));
    const expected = SUPPORTED_LANGUAGES.flatMap((language) => listAt(readNamespace(language, 'keywords'), 'stop'));
    expect(words).toEqual(expected);
  });

  test('an unknown keyword has no words', () => {
    expect(translator.keywordWords('fly_to_the_moon')).toEqual([]);
  });
});

describe('with a locales folder of our own', () => {
  let cleanup: () => void = () => undefined;
  let own: Translator;

  beforeAll(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    const write = (language: string, namespace: string, content: unknown) => {
      fs.mkdirSync(path.join(made.dir, language), { recursive: true });
      fs.writeFileSync(path.join(made.dir, language, `${namespace}.json`), JSON.stringify(content));
    };
    write('fr', 'common', {
      hello: 'Bonjour',
      hello_buttons: 'Bonjour, touchez un bouton',
      only_fr: 'Seulement en français',
      tag: 'Étiquette',
      tag_aliases: ' label ||  étiquette  ',
      greet: 'Bonjour {{name}}',
    });
    write('en', 'common', { hello: 'Hello', tag: 'Tag' });
    write('fr', 'keywords', { stop: 'stop' });
    write('en', 'keywords', { stop: 'quit' });
    own = loadTranslator('fr', 'UTC', made.dir);
  });

  afterAll(() => cleanup());

  test('falls back to the default language when a key is missing, but has() says it is missing', () => {
    expect(own.render(text('only_fr'), 'en')).toBe('Seulement en français');
    expect(own.has('only_fr', 'en')).toBe(false);
    expect(own.has('only_fr', 'fr')).toBe(true);
  });

  test('reads an alias list as words between |, trimmed, without empty ones', () => {
    expect(own.variants(text('tag'))).toEqual(['Étiquette', 'label', 'étiquette', 'Tag']);
  });

  test('reads keyword words from every language', () => {
    expect(own.keywordWords('stop')).toEqual(['stop', 'quit']);
  });

  test('a text rendered again is the same in each language and context (texts without parameters are kept once rendered)', () => {
    for (let i = 0; i < 2; i++) {
      expect(own.render(text('hello'), 'fr')).toBe('Bonjour');
      expect(own.render(text('hello'), 'en')).toBe('Hello');
      expect(own.render(text('hello'), 'fr', { context: 'buttons' })).toBe('Bonjour, touchez un bouton');
      expect(own.render(text('hello'), 'en', { context: 'buttons' })).toBe('Hello');
    }
  });

  test('a text missing a parameter is reported every time it is rendered, never as its placeholder', () => {
    const missing: string[] = [];
    const onMissing = (key: string, placeholder: string) => missing.push(`${key}: ${placeholder}`);
    expect(own.render(text('greet'), 'fr', { onMissing })).toBe('Bonjour ');
    expect(own.render(text('greet'), 'fr', { onMissing })).toBe('Bonjour ');
    expect(missing).toEqual(['greet: name', 'greet: name']);
    expect(own.render(text('greet', { name: 'Zoé' }), 'fr', { onMissing })).toBe('Bonjour Zoé');
  });
});

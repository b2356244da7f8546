import fs from 'node:fs';
import path from 'node:path';
import { KEYWORDS } from '../../../src/conversation/keywords';
import { SUPPORTED_LANGUAGES } from '../../../src/domain/language';
import { foldText } from '../../../src/lib/text/normalize';
import { tempDir } from '../../support/test-app';

/**
 * Locale files, checked as data: every language has every key any language has, so that nobody
 * silently gets the fallback language.
 */
const LOCALES_DIR = path.resolve(__dirname, '../../../locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

/** `namespace:a.b.c` → leaf value; arrays (alias lists, keyword words) are leaves. */
function flatten(value: Json, prefix: string, into: Map<string, Json>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix.endsWith(':') ? `${prefix}${key}` : `${prefix}.${key}`, into);
  } else {
    into.set(prefix, value);
  }
}

function languageFolders(localesDir: string): string[] {
  return fs
    .readdirSync(localesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function leavesOf(localesDir: string, language: string): Map<string, Json> {
  const leaves = new Map<string, Json>();
  const dir = path.join(localesDir, language);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    flatten(readJson(path.join(dir, file)), `${file.replace(/\.json$/, '')}:`, leaves);
  }
  return leaves;
}

/** Keys with i18next plural suffixes stripped: `count_one` and `count_other` are both `count`. */
function baseKeys(leaves: Map<string, Json>): Set<string> {
  return new Set([...leaves.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
}

/** For each language asked for, the keys (plural suffixes stripped) that some locale folder has and it lacks. */
function missingKeys(localesDir: string, languages: readonly string[]): Record<string, string[]> {
  const folders = languageFolders(localesDir);
  const keysOf = new Map(folders.map((language) => [language, baseKeys(leavesOf(localesDir, language))]));
  const all = new Set(folders.flatMap((language) => [...(keysOf.get(language) ?? [])]));
  return Object.fromEntries(languages.map((language) => [language, [...all].filter((key) => !keysOf.get(language)?.has(key)).sort()]));
}

const folders = languageFolders(LOCALES_DIR);
const leaves = new Map(folders.map((language) => [language, leavesOf(LOCALES_DIR, language)]));
const allKeys = new Set(folders.flatMap((language) => [...baseKeys(leaves.get(language) ?? new Map<string, Json>())]));
const missing = missingKeys(LOCALES_DIR, SUPPORTED_LANGUAGES);

test('every supported language has a locale folder', () => {
  expect(SUPPORTED_LANGUAGES.filter((language) => !folders.includes(language))).toEqual([]);
});

test('the locale folders hold keys at all', () => {
  expect(allKeys.size).toBeGreaterThan(50);
  expect(allKeys).toContain('common:flow.cancelled');
  expect(allKeys).toContain('cli:volunteers.count');
});

test.each([...SUPPORTED_LANGUAGES])('%s has every key found in any locale folder', (language) => {
  // On failure the diff names the language and every key it lacks.
  expect({ language, missing: missing[language] }).toEqual({ language, missing: [] });
});

test('the parity check reports a missing key, ignores plural forms and counts keys of unsupported folders', () => {
  const { dir, cleanup } = tempDir();
  try {
    const write = (language: string, namespace: string, content: Json) => {
      fs.mkdirSync(path.join(dir, language), { recursive: true });
      fs.writeFileSync(path.join(dir, language, `${namespace}.json`), JSON.stringify(content));
    };
    write('fr', 'common', { a: 'A', n: { count_one: '1', count_many: 'n', count_other: 'n' }, list_aliases: ['x'] });
    write('en', 'common', { n: { count_one: '1', count_other: 'n' }, list_aliases: ['y'] });
    write('en', 'extra', { only_en: 'E' });
    write('de', 'common', { a: 'A', de_only: 'D' });
    expect(missingKeys(dir, ['fr', 'en'])).toEqual({
      fr: ['common:de_only', 'extra:only_en'],
      en: ['common:a', 'common:de_only'],
    });
  } finally {
    cleanup();
  }
});

test.each([...SUPPORTED_LANGUAGES])('%s has the same namespace files as every other folder', (language) => {
  const files = (folder: string) => fs.readdirSync(path.join(LOCALES_DIR, folder)).filter((f) => f.endsWith('.json')).sort();
  const all = [...new Set(folders.flatMap(files))].sort();
  expect({ language, files: files(language) }).toEqual({ language, files: all });
});

test.each([...SUPPORTED_LANGUAGES])('%s: every plural key has its _other form', (language) => {
  const own = leaves.get(language) ?? new Map<string, Json>();
  const plurals = [...new Set([...own.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')))];
  const withoutOther = plurals.filter((base) => !own.has(`${base}_other`));
  expect({ language, withoutOther }).toEqual({ language, withoutOther: [] });
});

test.each([...SUPPORTED_LANGUAGES])('%s: texts are non-empty strings, and lists (a | b | c) have no empty word', (language) => {
  const own = leaves.get(language) ?? new Map<string, Json>();
  const bad = [...own.entries()]
    .filter(([key, value]) => {
      if (typeof value !== 'string' || value.trim() === '') return true;
      const isList = key.endsWith('_aliases') || key.startsWith('keywords:');
      return isList && value.split('|').some((word) => word.trim() === '');
    })
    .map(([key]) => key);
  expect({ language, bad }).toEqual({ language, bad: [] });
});

test('a translated text uses the same {{placeholders}} in every language', () => {
  const placeholders = (value: Json | undefined) =>
    typeof value === 'string' ? [...value.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort() : [];
  const [first, ...others] = SUPPORTED_LANGUAGES;
  const reference = leaves.get(first) ?? new Map<string, Json>();
  const differences: string[] = [];
  for (const language of others) {
    const own = leaves.get(language) ?? new Map<string, Json>();
    for (const [key, value] of reference) {
      if (PLURAL_SUFFIX.test(key) || !own.has(key)) continue;
      const a = [...new Set(placeholders(value))];
      const b = [...new Set(placeholders(own.get(key)))];
      if (a.join(',') !== b.join(',')) differences.push(`${key}: ${first} {${a.join(',')}} vs ${language} {${b.join(',')}}`);
    }
  }
  expect(differences).toEqual([]);
});

describe('keywords.json', () => {
  test.each([...SUPPORTED_LANGUAGES])('%s has words for every keyword the bot knows, and no other', (language) => {
    const own = leaves.get(language) ?? new Map<string, Json>();
    const ids = [...own.keys()].filter((key) => key.startsWith('keywords:')).map((key) => key.slice('keywords:'.length)).sort();
    expect(ids).toEqual([...KEYWORDS].sort());
  });

  test('no word means two different keywords, in any pair of languages', () => {
    const meaning = new Map<string, Set<string>>();
    for (const language of SUPPORTED_LANGUAGES) {
      for (const keyword of KEYWORDS) {
        const words = leaves.get(language)?.get(`keywords:${keyword}`);
        for (const word of typeof words === 'string' ? words.split('|') : []) {
          const folded = foldText(word);
          meaning.set(folded, (meaning.get(folded) ?? new Set<string>()).add(keyword));
        }
      }
    }
    const clashes = [...meaning.entries()].filter(([, keywords]) => keywords.size > 1).map(([word, keywords]) => `${word}: ${[...keywords].join(', ')}`);
    expect(clashes).toEqual([]);
    // Every keyword was read: the check above compared real words.
    expect(new Set([...meaning.values()].flatMap((k) => [...k]))).toEqual(new Set(KEYWORDS));
  });
});

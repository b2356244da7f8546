import fs from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LANGUAGES, type Language } from '../../../src/domain/language';
import { loadTranslator } from '../../../src/i18n/translator';

/**
 * Numbers take their noun by i18next's plural rules everywhere: "1 question", "2 questions",
 * never "1 questions". No text, rendered with every number at 1, reads "1" before a plural noun
 * (the nouns are those the locales' own plural forms change).
 */
const LOCALES_DIR = path.resolve(__dirname, '../../../locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;
const translator = loadTranslator('fr');

/** Every string of a language's locale files, by `namespace:key`, keyword lists and synonyms aside. */
function strings(language: Language): Map<string, string> {
  const found = new Map<string, string>();
  const dir = path.join(LOCALES_DIR, language);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/, '');
    if (ns === 'keywords') continue;
    const walk = (prefix: string, node: unknown): void => {
      if (typeof node === 'string') {
        if (!prefix.endsWith('_aliases')) found.set(`${ns}:${prefix}`, node);
        return;
      }
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) walk(prefix ? `${prefix}.${key}` : key, child);
    };
    walk('', JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return found;
}

/** The nouns a language counts: the word after the number that its plural forms change ("question" → "questions"). */
function countedNouns(all: Map<string, string>): Set<string> {
  const after = (value: string | undefined) => (value === undefined ? undefined : /\{\{count\}\}\s+(\p{L}+)/u.exec(value)?.[1]?.toLowerCase());
  const nouns = new Set<string>();
  for (const [key, value] of all) {
    if (!/_other$/.test(key)) continue;
    const plural = after(value);
    const singular = after(all.get(key.replace(/_other$/, '_one')));
    if (plural && singular && plural !== singular) nouns.add(plural);
  }
  return nouns;
}

describe.each([...SUPPORTED_LANGUAGES])('%s', (language) => {
  const all = strings(language);

  test('no text reads "1" before a plural noun when its numbers are 1', () => {
    const nouns = countedNouns(all);
    expect(nouns.size).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const [key, value] of all) {
      const base = key.replace(PLURAL, '');
      const params = Object.fromEntries([...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1] ?? '', 1]));
      const rendered = translator.render({ key: base, params: { ...params, count: 1 } }, language);
      for (const match of rendered.matchAll(/(?:^|[\s(])1 (\p{L}+)/gu)) {
        if (nouns.has((match[1] ?? '').toLowerCase())) wrong.push(`${key}: ${match[0].trim()}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

test('the check knows the nouns it looks for', () => {
  expect([...countedNouns(strings('fr'))]).toEqual(expect.arrayContaining(['caractères', 'questions', 'personnes', 'réponses']));
  expect([...countedNouns(strings('en'))]).toEqual(expect.arrayContaining(['characters', 'questions', 'people', 'answers']));
});

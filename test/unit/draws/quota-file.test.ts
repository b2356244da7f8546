import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadCity } from '../../../src/config/city';
import type { ProblemTranslator } from '../../../src/consultations/consultation-file';
import type { City } from '../../../src/domain/city';
import { readQuotaFile, seatsForShare } from '../../../src/draws/quota-file';

/** Shows the key and its parameters, so tests can check which message was chosen. */
const t: ProblemTranslator = (key, params) => `${key} ${JSON.stringify(params ?? {})}`;
const example = readFileSync(join(__dirname, '../../../data/draws/convention.yaml'), 'utf8');
const poitiers = loadCity('poitiers');

function exampleData(): Record<string, any> {
  return parseYaml(example) as Record<string, any>;
}

function read(data: unknown, city: City = poitiers) {
  return readQuotaFile(typeof data === 'string' ? data : JSON.stringify(data), city, 'en', t);
}

describe('the quotas file', () => {
  test('the example reads: population shares become seats, give or take the tolerance', () => {
    const result = read(example);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { definition } = result;
    expect(definition.panelSize).toBe(30);
    expect(definition.pool).toEqual({ kind: 'volunteers' });
    expect(definition.answerWithinMinutes).toBe(7 * 24 * 60);
    expect(definition.exclude.drawnSince).toBe('2025-12-31T23:00:00.000Z');
    expect(definition.categories.map((c) => c.field)).toEqual(['neighbourhood', 'age_bracket', 'gender', 'equipment']);
    // Centre-ville: 16.7 % of 30 = 5.01 seats → 5 to 6, then one either side.
    expect(definition.categories[0]?.values.find((v) => v.value === 'centre_ville')).toEqual({ value: 'centre_ville', min: 4, max: 7 });
    expect(definition.categories[2]?.values).toEqual([
      { value: 'woman', min: 14, max: 17 },
      { value: 'man', min: 13, max: 16 },
      { value: 'other', min: 0, max: 2 },
      { value: 'undisclosed', min: 0, max: 3 },
    ]);
    // Every neighbourhood of the city, and "other", has a quota.
    expect(definition.categories[0]?.values).toHaveLength(poitiers.neighbourhoods.length + 1);
  });

  test('seats for a share: its seats rounded down and up, then the tolerance, within the panel', () => {
    expect(seatsForShare(0.5, 30, 1)).toEqual({ min: 14, max: 16 });
    expect(seatsForShare(0.021, 30, 1)).toEqual({ min: 0, max: 2 });
    expect(seatsForShare(0.99, 10, 2)).toEqual({ min: 7, max: 10 });
  });

  test('every problem is listed at once, with its place in the file', () => {
    const data = exampleData();
    data.pool = 'everyone';
    data.answer_within = 'a week';
    data.exclude.drawn_since = 'last year';
    data.categories.shoe_size = 'population';
    data.categories.gender.values.martian = { min: 0, max: 1 };
    delete data.categories.gender.values.undisclosed;
    data.categories.gender.values.other = { min: 3, max: 1 };
    data.categories.equipment.values.none = { min: 25, max: 30 };
    const result = read(data);
    if (result.ok) throw new Error('expected problems');
    const where = result.problems.map((p) => `${p.path} ${p.message.split(' ')[0]}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'pool draw.file.bad_pool',
        'answer_within draw.file.bad_delay',
        'exclude.drawn_since draw.file.bad_time',
        'categories.shoe_size draw.file.unknown_field',
        'categories.gender.values.martian draw.file.unknown_value',
        'categories.gender.values draw.file.missing_values',
        'categories.gender.values.other draw.file.min_above_max',
        'categories.equipment draw.file.minimums_too_high',
      ]),
    );
    expect(result.problems.length).toBe(8);
  });

  test('`population` for a value the city has no share of is refused, saying which values', () => {
    const data = exampleData();
    data.categories.gender = 'population';
    const result = read(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message)).toEqual([expect.stringContaining('"values":"other, undisclosed"')]);
  });

  test('the shape is checked too: a missing text in a language, a panel of 0, a long description', () => {
    const data = exampleData();
    delete data.name.en;
    data.panel_size = 0;
    data.about.fr = 'x'.repeat(161);
    const result = read(data);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => p.path).sort()).toEqual(['about.fr', 'name.en', 'panel_size']);
  });

  test('a field of the wrong shape does not hide the problems of the others', () => {
    const data = exampleData();
    data.panel_size = 'thirty';
    data.pool = 'everybody';
    data.answer_within = 'soon';
    data.categories.shoe_size = 'population';
    const result = read(data);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => `${p.path} ${p.message.split(' ')[0]}`).sort()).toEqual([
      'answer_within draw.file.bad_delay',
      'categories.shoe_size draw.file.unknown_field',
      'panel_size Invalid',
      'pool draw.file.bad_pool',
    ]);
  });

  test("the city's own questions can carry quotas, with 'prefer not to say' as a value", () => {
    const city: City = {
      ...poitiers,
      profileQuestions: [{ id: 'family_situation', field: { fr: 'Situation familiale' }, ask: { fr: 'Votre situation ?' }, options: [{ id: 'alone', label: { fr: 'Seul' } }, { id: 'couple', label: { fr: 'En couple' } }] }],
    };
    const data = exampleData();
    data.categories = { family_situation: { values: { alone: { min: 5, max: 20 }, couple: { min: 5, max: 20 }, undisclosed: { min: 0, max: 30 } } } };
    const result = read(data, city);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.categories).toEqual([{ field: 'family_situation', values: [{ value: 'alone', min: 5, max: 20 }, { value: 'couple', min: 5, max: 20 }, { value: 'undisclosed', min: 0, max: 30 }] }]);
  });

  test('pools: volunteers, a role, the people who accepted another draw', () => {
    for (const [pool, expected] of [
      ['role:assembly_member', { kind: 'role', role: 'assembly_member' }],
      ['draw:3', { kind: 'draw', drawId: 3 }],
    ] as const) {
      const result = read({ ...exampleData(), pool });
      expect(result.ok && result.definition.pool).toEqual(expected);
    }
  });
});

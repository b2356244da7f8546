import fs from 'node:fs';
import path from 'node:path';
import { CITIES_DIR, CityFileError, loadCity } from '../../../src/config/city';
import { tempDir } from '../../support/test-app';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});

afterEach(() => {
  cleanup();
});

const validCity = {
  id: 'testville',
  name: 'Testville',
  country: 'FR',
  timeZone: 'Europe/Paris',
  humanContact: 'Mairie',
  neighbourhoods: [
    { id: 'nord', name: 'Nord', aliases: ['le nord'] },
    { id: 'sud', name: 'Sud', aliases: [] },
  ],
};

function write(content: unknown, name = 'city.json'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Loads the file, expecting a CityFileError, and returns its message. */
function problem(file: string): string {
  try {
    loadCity(file);
  } catch (error) {
    expect(error).toBeInstanceOf(CityFileError);
    return (error as Error).message;
  }
  throw new Error('expected a CityFileError');
}

describe('loadCity', () => {
  test('loads a shipped city by name', () => {
    expect(CITIES_DIR).toBe(path.resolve(__dirname, '../../../data/cities'));
    const city = loadCity('poitiers');
    expect(city).toMatchObject({ id: 'poitiers', name: 'Poitiers', country: 'FR', timeZone: 'Europe/Paris' });
    expect(city.neighbourhoods.length).toBeGreaterThan(5);
    expect(city.neighbourhoods.find((n) => n.id === 'trois_cites')?.aliases).toContain('3 cités');
  });

  test("loads the city's own questions and its population shares", () => {
    const city = loadCity(path.resolve(__dirname, '../../fixtures/city-with-questions.json'));
    expect(city.profileQuestions?.map((q) => q.id)).toEqual(['family_situation']);
    expect(city.population?.family_situation).toEqual({ alone: 0.45, couple: 0.25, with_children: 0.3 });
    expect(loadCity('poitiers').population?.gender).toEqual({ woman: 0.53, man: 0.47 });
  });

  test('loads a JSON file by path, defaulting aliases to none', () => {
    const city = loadCity(write({ ...validCity, neighbourhoods: [{ id: 'nord', name: 'Nord' }] }));
    expect(city.neighbourhoods).toEqual([{ id: 'nord', name: 'Nord', aliases: [] }]);
  });

  test('rejects duplicate neighbourhood ids', () => {
    const file = write({ ...validCity, neighbourhoods: [...validCity.neighbourhoods, { id: 'nord', name: 'Nord bis', aliases: [] }] });
    const message = problem(file);
    expect(message).toContain('neighbourhoods');
    expect(message).toMatch(/unique/);
  });

  test('rejects the reserved neighbourhood id "other"', () => {
    const message = problem(write({ ...validCity, neighbourhoods: [...validCity.neighbourhoods, { id: 'other', name: 'Ailleurs', aliases: [] }] }));
    expect(message).toMatch(/"other" is reserved/);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['an id that is not snake_case', { id: 'Test-Ville' }, /id: snake_case id expected/],
    ['a neighbourhood id that is not snake_case', { neighbourhoods: [{ id: 'Nord Est', name: 'Nord-Est' }] }, /neighbourhoods\.0\.id/],
    ['a country that is not an ISO code', { country: 'France' }, /country: ISO country code expected/],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, /timeZone: unknown time zone/],
    ['no neighbourhood', { neighbourhoods: [] }, /neighbourhoods/],
    ['an empty name', { name: '' }, /name/],
    ['an unknown field', { mayor: 'Someone' }, /mayor|unrecognized/i],
    ['population figures for a field volunteers have not', { population: { shoe_size: { small: 10, large: 20 } } }, /population\.shoe_size: unknown profile field/],
    ['population figures for a value of a field that has not it', { population: { gender: { woman: 10, robot: 20 } } }, /population\.gender\.robot: unknown gender/],
    [
      'a city question named like a standard field',
      { profileQuestions: [{ id: 'gender', field: { fr: 'Genre' }, ask: { fr: '?' }, options: [{ id: 'a', label: { fr: 'A' } }, { id: 'b', label: { fr: 'B' } }] }] },
      /standard profile field/,
    ],
    [
      'a city question taking the reserved option "undisclosed"',
      { profileQuestions: [{ id: 'family', field: { fr: 'Famille' }, ask: { fr: '?' }, options: [{ id: 'a', label: { fr: 'A' } }, { id: 'undisclosed', label: { fr: 'B' } }] }] },
      /"undisclosed" is reserved/,
    ],
  ])('rejects %s', (_label, change, expected) => {
    expect(problem(write({ ...validCity, ...change }))).toMatch(expected);
  });

  test('rejects a missing file, saying which', () => {
    const file = path.join(dir, 'absent.json');
    expect(problem(file)).toContain(`cannot read ${file}`);
  });

  test('rejects a file that is not JSON, saying which', () => {
    const file = write('not json at all');
    expect(problem(file)).toContain(file);
  });

  test('rejects a JSON file that is not an object', () => {
    expect(problem(write('[1, 2, 3]'))).toContain('(file)');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readConsultationFile, type FileProblem, type ProblemTranslator } from '../../../src/consultations/consultation-file';
import { DEFAULT_GRADES } from '../../../src/domain/consultation';
import type { Language } from '../../../src/domain/language';

const ZONE = 'Europe/Paris';
/** Shows the key and its parameters, so tests can check which message was chosen. */
const t: ProblemTranslator = (key, params) => `${key} ${JSON.stringify(params ?? {})}`;
const example = readFileSync(join(__dirname, '../../../data/consultations/example.yaml'), 'utf8');

/** The problems found, with their lines. */
function locatedProblemsOf(source: string, language: Language = 'en'): readonly FileProblem[] {
  const result = readConsultationFile(source, ZONE, language, t);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

/** The problems found, where and what (their lines are checked apart). */
function problemsOf(source: string, language: Language = 'en'): readonly FileProblem[] {
  return locatedProblemsOf(source, language).map(({ path, message }) => ({ path, message }));
}

/** The example, as an object to change one thing in. */
function exampleData(): Record<string, any> {
  return parseYaml(example) as Record<string, any>;
}

const asJson = (data: unknown): string => JSON.stringify(data, null, 2);

describe('a valid file', () => {
  test('reads the example file', () => {
    const result = readConsultationFile(example, ZONE, 'fr', t);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const d = result.definition;
    expect(d.title).toEqual({ fr: 'Se déplacer dans les quartiers', en: 'Getting around the neighbourhoods' });
    expect(d.description?.fr).toMatch(/^L'assemblée citoyenne/);
    expect(d.audience).toBe('registered');
    // Paris wall clock, winter time (UTC+1).
    expect(d.opensAt).toBe('2026-12-01T08:00:00.000Z');
    expect(d.closesAt).toBe('2026-12-15T17:00:00.000Z');
    expect(d.questions.map((q) => [q.id, q.type, q.optional])).toEqual([
      ['bus_samedi', 'yes_no', false],
      ['trajet', 'one_choice', false],
      ['priorites', 'several_choices', false],
      ['propositions', 'majority_judgment', false],
      ['remarque', 'comment', true],
    ]);
    const [, trajet, priorites, propositions] = d.questions;
    expect(trajet?.type === 'one_choice' && trajet.options.map((o) => o.id)).toEqual(['bus', 'velo', 'voiture', 'pied']);
    expect(trajet?.type === 'one_choice' && trajet.options[1]?.label).toEqual({ fr: 'À vélo', en: 'By bike' });
    expect(priorites?.type === 'several_choices' && priorites.max).toBe(2);
    if (propositions?.type !== 'majority_judgment') throw new Error('expected a majority judgment question');
    expect(propositions.proposals.map((p) => p.id)).toEqual(['navette', 'zone30', 'parking']);
    expect(propositions.grades).toHaveLength(7);
    expect(propositions.grades).toEqual(DEFAULT_GRADES);
  });

  test('reads the same file written as JSON', () => {
    const fromYaml = readConsultationFile(example, ZONE, 'en', t);
    const fromJson = readConsultationFile(asJson(exampleData()), ZONE, 'en', t);
    expect(fromJson.ok).toBe(true);
    expect(fromJson).toEqual(fromYaml);
  });

  test('takes ISO times with an offset, summer time, one label for every language, and given grades', () => {
    const data = exampleData();
    data.opens = '2026-06-01T09:00+02:00';
    data.closes = '2026-06-15 18:00';
    data.questions[1].options[0].label = '  Tram  ';
    data.questions[3].grades = [
      { fr: 'Pour', en: 'For' },
      { fr: 'Contre', en: 'Against' },
    ];
    const result = readConsultationFile(asJson(data), ZONE, 'en', t);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.opensAt).toBe('2026-06-01T07:00:00.000Z');
    expect(result.definition.closesAt).toBe('2026-06-15T16:00:00.000Z');
    const [, trajet, , propositions] = result.definition.questions;
    expect(trajet?.type === 'one_choice' && trajet.options[0]?.label).toEqual({ fr: 'Tram', en: 'Tram' });
    expect(propositions?.type === 'majority_judgment' && propositions.grades).toEqual([
      { fr: 'Pour', en: 'For' },
      { fr: 'Contre', en: 'Against' },
    ]);
  });

  test('a file without description gets null', () => {
    const data = exampleData();
    delete data.description;
    const result = readConsultationFile(asJson(data), ZONE, 'en', t);
    expect(result.ok && result.definition.description).toBeNull();
  });
});

describe('a file the schema refuses', () => {
  test('not YAML at all: one problem, our own message with the parser reason', () => {
    const problems = problemsOf('title: [unclosed\n  - : :');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('');
    expect(problems[0]?.message).toMatch(/^consultation\.file\.not_yaml \{"reason":".+"\}$/);
  });

  test('a missing English text, in English and in French', () => {
    const data = exampleData();
    delete data.title.en;
    expect(problemsOf(asJson(data), 'en')).toEqual([{ path: 'title.en', message: 'Invalid input: expected string, received undefined' }]);
    expect(problemsOf(asJson(data), 'fr')).toEqual([{ path: 'title.en', message: 'Entrée invalide : chaîne de caractères attendu, indéfini reçu' }]);
  });

  test('a text made of spaces only', () => {
    const data = exampleData();
    data.questions[0].text.fr = '   ';
    expect(problemsOf(asJson(data), 'en').map((p) => p.path)).toEqual(['questions.0.text.fr']);
  });

  test('an unknown audience', () => {
    const source = example.replace('audience: registered', 'audience: everyone');
    const [problem, ...rest] = problemsOf(source, 'fr');
    expect(rest).toEqual([]);
    expect(problem?.path).toBe('audience');
    expect(problem?.message).toMatch(/^Option invalide/);
    expect(problem?.message).toContain('assembly_members');
  });

  test('an unknown question type', () => {
    const source = example.replace('type: yes_no', 'type: ranking');
    expect(problemsOf(source, 'en')).toEqual([{ path: 'questions.0.type', message: expect.stringMatching(/^Invalid discriminator value/) }]);
    expect(problemsOf(source, 'fr')).toEqual([{ path: 'questions.0.type', message: 'Entrée invalide' }]);
  });

  test('fewer than 2 options', () => {
    const data = exampleData();
    data.questions[2].options = [{ id: 'nuit', label: 'Nuit' }];
    data.questions[2].max = 1;
    expect(problemsOf(asJson(data), 'en')).toEqual([{ path: 'questions.2.options', message: 'Too small: expected array to have >=2 items' }]);
    expect(problemsOf(asJson(data), 'fr')).toEqual([{ path: 'questions.2.options', message: 'Trop petit : tableau doit avoir >=2 éléments' }]);
  });

  test('an id that is not a short lower-case id', () => {
    const data = exampleData();
    data.questions[1].options[0].id = 'En bus';
    expect(problemsOf(asJson(data)).map((p) => p.path)).toEqual(['questions.1.options.0.id']);
  });

  test('several schema problems are reported together, each with its path', () => {
    const data = exampleData();
    delete data.title.en;
    data.audience = 'everyone';
    data.questions[4].type = 'essay';
    const problems = problemsOf(asJson(data), 'fr');
    expect(problems.map((p) => p.path).sort()).toEqual(['audience', 'questions.4.type', 'title.en']);
    for (const p of problems) expect(p.message).not.toMatch(/^consultation\.file\./);
  });
});

describe('problems the schema cannot see', () => {
  test('closes before it opens', () => {
    const source = example.replace('closes: 2026-12-15 18:00', 'closes: 2026-11-30 18:00');
    expect(problemsOf(source)).toEqual([{ path: 'closes', message: 'consultation.file.closes_before_opens {}' }]);
  });

  test('closes exactly when it opens', () => {
    const source = example.replace('closes: 2026-12-15 18:00', 'closes: 2026-12-01T09:00+01:00');
    expect(problemsOf(source)).toEqual([{ path: 'closes', message: 'consultation.file.closes_before_opens {}' }]);
  });

  test('a malformed time, and one skipped by the change to summer time', () => {
    const source = example.replace('opens: 2026-12-01 09:00', 'opens: 2026-13-01 09:00').replace('closes: 2026-12-15 18:00', 'closes: 2027-03-28 02:30');
    expect(problemsOf(source)).toEqual([
      { path: 'opens', message: 'consultation.file.time_unreadable {"value":"2026-13-01 09:00","zone":"Europe/Paris"}' },
      { path: 'closes', message: 'consultation.file.time_skipped {"value":"2027-03-28 02:30","zone":"Europe/Paris"}' },
    ]);
  });

  test('a time that happens twice when clocks go back is not guessed: both forms are offered', () => {
    const source = example.replace('closes: 2026-12-15 18:00', 'closes: 2027-10-31 02:30');
    expect(problemsOf(source)).toEqual([
      {
        path: 'closes',
        message: 'consultation.file.time_twice {"value":"2027-10-31 02:30","zone":"Europe/Paris","first":"2027-10-31 02:30+02:00","second":"2027-10-31 02:30+01:00"}',
      },
    ]);
    expect(readConsultationFile(example.replace('closes: 2026-12-15 18:00', 'closes: 2027-10-31 02:30+01:00'), ZONE, 'en', t).ok).toBe(true);
  });

  test('a repeated question id', () => {
    const data = exampleData();
    data.questions[4].id = 'trajet';
    expect(problemsOf(asJson(data))).toEqual([{ path: 'questions.4.id', message: 'consultation.file.repeated_id {"id":"trajet"}' }]);
  });

  test('a repeated option id, and a repeated proposal id', () => {
    const data = exampleData();
    data.questions[1].options[3].id = 'bus';
    data.questions[3].proposals[2].id = 'navette';
    expect(problemsOf(asJson(data))).toEqual([
      { path: 'questions.1.options.3.id', message: 'consultation.file.repeated_id {"id":"bus"}' },
      { path: 'questions.3.proposals.2.id', message: 'consultation.file.repeated_id {"id":"navette"}' },
    ]);
  });

  test('an option id the chat keeps for itself', () => {
    const data = exampleData();
    data.questions[1].options[2].id = 'skip';
    expect(problemsOf(asJson(data))).toEqual([
      { path: 'questions.1.options.2.id', message: 'consultation.file.reserved_id {"id":"skip","reserved":"skip, menu, back, submit_ticked"}' },
    ]);
  });

  test('a maximum above the number of options', () => {
    const data = exampleData();
    data.questions[2].max = 4;
    expect(problemsOf(asJson(data))).toEqual([{ path: 'questions.2.max', message: 'consultation.file.max_too_high {"max":4,"options":{"key":"common:options","params":{"count":3}}}' }]);
  });

  test('every such problem at once, in file order, whatever the language', () => {
    const data = exampleData();
    data.opens = '2026-12-01 25:00';
    data.questions[2].id = 'bus_samedi';
    data.questions[2].max = 5;
    data.questions[3].proposals[0].id = 'back';
    const expected = [
      { path: 'opens', message: 'consultation.file.time_unreadable {"value":"2026-12-01 25:00","zone":"Europe/Paris"}' },
      { path: 'questions.2.id', message: 'consultation.file.repeated_id {"id":"bus_samedi"}' },
      { path: 'questions.2.max', message: 'consultation.file.max_too_high {"max":5,"options":{"key":"common:options","params":{"count":3}}}' },
      { path: 'questions.3.proposals.0.id', message: 'consultation.file.reserved_id {"id":"back","reserved":"skip, menu, back, submit_ticked"}' },
    ];
    expect(problemsOf(asJson(data), 'en')).toEqual(expected);
    expect(problemsOf(asJson(data), 'fr')).toEqual(expected);
  });
});

describe('every problem in one run, with its line', () => {
  test('a missing English title and a wrong closing time are both reported, each at its line', () => {
    const source = example.replace('  en: Getting around the neighbourhoods\n', '').replace('closes: 2026-12-15 18:00', 'closes: 2026-12-15 18:61');
    const problems = locatedProblemsOf(source);
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [4, 'title.en'],
      [10, 'closes'],
    ]);
    expect(problems[1]?.message).toMatch(/^consultation\.file\.time_unreadable/);
  });

  test('the schema\'s problems and those it cannot see come together, in the order of the file', () => {
    const source = example
      .replace('closes: 2026-12-15 18:00', 'closes: 2026-11-30 18:00')
      .replace('audience: registered', 'audience: everybody')
      .replace('  - id: remarque', '  - id: trajet')
      .replace('    max: 2', '    max: 5')
      .replace('    type: majority_judgment', '    type: majority_judgement');
    const problems = locatedProblemsOf(source);
    expect(problems.map((p) => p.path)).toEqual(['closes', 'audience', 'questions.2.max', 'questions.3.type', 'questions.4.id']);
    // Each line is the line of that value in the file.
    const lines = source.split('\n');
    for (const p of problems) expect(lines[(p.line ?? 0) - 1]).toContain(p.path.split('.').pop() === 'id' ? 'id: trajet' : p.path.split('.').pop());
  });

  test('a file that is not YAML says where it breaks', () => {
    const problems = locatedProblemsOf('title:\n  fr: [Se déplacer\nopens: 2026-12-01 09:00\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^consultation\.file\.not_yaml/);
    expect(problems[0]?.line).toBeGreaterThan(1);
  });
});

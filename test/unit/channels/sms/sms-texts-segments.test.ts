import { allSmsTexts, missingParams, segmentDistribution, type SmsTextSample } from '../../../../bench/sms-texts';
import { SUPPORTED_LANGUAGES } from '../../../../src/domain/language';
import { allFlows } from '../../../../src/flows/definitions';

/**
 * Every message the bot can send by SMS — each question of each flow with its numbered menu, and
 * every other text, with realistic long parameters, in every language — fits three segments
 * after transliteration. The list is built from the flow definitions and the locale files, so
 * new texts are checked too. `npm run sms-segments` prints the distribution.
 */
let samples: SmsTextSample[];

beforeAll(() => {
  samples = allSmsTexts();
});

test('every parameter of a sendable text has a realistic value', () => {
  expect(missingParams()).toEqual([]);
});

test('every question step of every flow is measured, in every language', () => {
  const questions = allFlows.flatMap((flow) =>
    Object.entries(flow.steps)
      .filter(([, step]) => step.type === 'choice' || step.type === 'text')
      .map(([id]) => `flow ${flow.id}.${id}`),
  );
  for (const language of SUPPORTED_LANGUAGES) {
    expect(samples.filter((s) => s.language === language && s.id.startsWith('flow ')).map((s) => s.id)).toEqual(questions);
  }
  // The registration's menus are among them, with their numbers.
  expect(samples.find((s) => s.language === 'fr' && s.id === 'flow main_menu.menu')?.text).toMatch(/\n1\. .+\n2\. /);
});

test('texts from every namespace but the CLI and keyword lists are measured', () => {
  const namespaces = new Set(samples.filter((s) => s.id.startsWith('text ')).map((s) => s.id.slice(5).split(':')[0]));
  expect([...namespaces].sort()).toEqual(['agent', 'audit', 'common', 'consultations', 'digest', 'draws', 'help', 'ideas', 'language', 'mediation', 'menu', 'privacy', 'profile', 'registration', 'sessions', 'welcome']);
  expect(samples.some((s) => s.id === 'text common:opt_out.confirmed')).toBe(true);
});

test('no message needs more than 3 segments', () => {
  const over = samples.filter((s) => s.cost.segments > 3).map((s) => `${s.language} ${s.id}: ${s.cost.segments} segments (${s.cost.units} ${s.cost.encoding})`);
  expect(over).toEqual([]);
  expect([...segmentDistribution(samples).keys()].every((segments) => segments <= 3)).toBe(true);
});

test('transliteration keeps every text in GSM-7 (160 characters an SMS, not 70)', () => {
  expect(samples.filter((s) => s.cost.encoding !== 'gsm7').map((s) => `${s.language} ${s.id}`)).toEqual([]);
});

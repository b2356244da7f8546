import { allSmsTexts, missingParams, segmentDistribution, type SmsTextSample } from '../../../../bench/sms-texts';
import { SUPPORTED_LANGUAGES } from '../../../../src/domain/language';
import { allFlows } from '../../../../src/flows/definitions';

/**
 * Every SMS the bot can send fits three segments after transliteration: each message as a turn
 * assembles it (a step's paragraphs, what leads it — a problem with the last answer, help, "let
 * us resume", the "acting for" banner —, its numbered menu), walked through every flow with the
 * longest names and titles, and cut between paragraphs as the SMS channel sends it; and every
 * text sent outside flows (notices, decisions, digests' parts), alone with realistic long
 * parameters. `npm run sms-segments` prints the distribution.
 */
let samples: SmsTextSample[];

beforeAll(() => {
  samples = allSmsTexts();
});

test('every parameter of a text sent alone has a realistic value', () => {
  expect(missingParams()).toEqual([]);
});

test('the messages of every flow are measured, in every language (each text once; the walk reaches every step: test/flows)', () => {
  const questions = allFlows.flatMap((flow) => Object.values(flow.steps).filter((step) => step.type === 'choice' || step.type === 'several' || step.type === 'text'));
  for (const language of SUPPORTED_LANGUAGES) {
    expect(samples.filter((s) => s.language === language && s.id.startsWith('flow ')).length).toBeGreaterThan(questions.length);
  }
  // The menus are among them, with their numbers, as SMS shows them.
  expect(samples.some((s) => s.language === 'fr' && /\n1\. .+\n2\. /.test(s.text))).toBe(true);
});

test('messages are measured as assembled: help, a misunderstanding and the "acting for" banner lead their question', () => {
  const ids = samples.map((s) => s.id);
  expect(ids.some((id) => / keyword help #/.test(id))).toBe(true);
  expect(ids.some((id) => / not understood #/.test(id))).toBe(true);
  expect(ids.some((id) => / acting$/.test(id))).toBe(true);
  // Help is longer than one message can be with a question: it goes as several SMS, cut between paragraphs.
  expect(ids.some((id) => / keyword help #1 \(SMS 1\/\d\)/.test(id))).toBe(true);
});

test('texts sent outside flows are measured alone', () => {
  expect(samples.some((s) => s.id === 'text sessions:cancelled')).toBe(true);
  expect(samples.some((s) => s.id.startsWith('text ideas:decision.'))).toBe(true);
});

test('no SMS needs more than 3 segments', () => {
  const over = samples.filter((s) => s.cost.segments > 3).map((s) => `${s.language} ${s.id}: ${s.cost.segments} segments (${s.cost.units} ${s.cost.encoding})`);
  expect(over).toEqual([]);
  expect([...segmentDistribution(samples).keys()].every((segments) => segments <= 3)).toBe(true);
});

test('transliteration keeps every text in GSM-7 (160 characters an SMS, not 70)', () => {
  expect(samples.filter((s) => s.cost.encoding !== 'gsm7').map((s) => `${s.language} ${s.id}`)).toEqual([]);
});

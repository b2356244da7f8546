import { DEFAULT_GRADES, type BallotAnswers, type Consultation, type ConsultationQuestion } from '../../../src/domain/consultation';
import type { ConsultationResults, QuestionResult } from '../../../src/domain/consultation-results';
import { tallyConsultation } from '../../../src/results/tally';

const text = (fr: string) => ({ fr, en: fr });
const option = (id: string) => ({ id, label: text(id.toUpperCase()) });

const QUESTIONS: readonly ConsultationQuestion[] = [
  { id: 'bus', type: 'yes_no', text: text('Bus gratuits ?'), optional: false },
  { id: 'trajet', type: 'one_choice', text: text('Comment venez-vous ?'), optional: false, options: ['bus', 'velo', 'voiture'].map(option) },
  { id: 'priorites', type: 'several_choices', text: text('Vos priorités ?'), optional: true, max: 2, options: ['nuit', 'pistes', 'trottoirs'].map(option) },
  { id: 'props', type: 'majority_judgment', text: text('Ces propositions ?'), optional: false, proposals: ['a', 'b', 'c'].map(option), grades: DEFAULT_GRADES },
  { id: 'remarque', type: 'comment', text: text('Une remarque ?'), optional: true },
  { id: 'vide', type: 'one_choice', text: text('Personne ?'), optional: true, options: ['x', 'y'].map(option) },
];

const CONSULTATION: Consultation = {
  id: 7,
  title: { fr: 'Se déplacer', en: 'Getting around' },
  description: null,
  opensAt: '2026-12-01T08:00:00.000Z',
  closesAt: '2026-12-15T17:00:00.000Z',
  audience: 'registered',
  status: 'closed',
  questions: QUESTIONS,
};

// Grades are indices into DEFAULT_GRADES, best first: 0 Excellent, 1 Très bien, 2 Bien, 3 Assez bien,
// 4 Passable, 5 Insuffisant, 6 À rejeter.
const BALLOTS: readonly BallotAnswers[] = [
  { bus: { choice: 'yes' }, trajet: { choice: 'bus' }, priorites: { choices: ['nuit', 'pistes'] }, props: { grades: { a: 0, b: 2, c: 6 } }, remarque: { comment: 'Merci' } },
  { bus: { choice: 'no' }, trajet: { choice: 'velo' }, priorites: { choices: ['pistes'] }, props: { grades: { a: 1, b: 2, c: 5 } }, remarque: { skipped: true } },
  { bus: { choice: 'yes' }, trajet: { choice: 'bus' }, priorites: { skipped: true }, props: { grades: { a: 2, b: 1, c: 6 } }, remarque: { comment: 'Allez' } },
  { bus: { choice: 'abstain' }, trajet: { skipped: true }, priorites: { choices: ['pistes', 'trottoirs'] }, props: { grades: { a: 2, b: 3 } }, remarque: { comment: 'zèbre' } },
  { bus: { choice: 'yes' }, priorites: { choices: ['nuit'] }, props: { skipped: true }, remarque: { comment: 'Écoles' } },
];

function questionResult<K extends QuestionResult['kind']>(results: ConsultationResults, id: string, kind: K): Extract<QuestionResult, { kind: K }> {
  const found = results.questions.find((q) => q.question.id === id);
  if (found?.kind !== kind) throw new Error(`no ${kind} result for ${id}`);
  return found as Extract<QuestionResult, { kind: K }>;
}

const counts = (result: Extract<QuestionResult, { kind: 'counts' }>) => result.options.map((o) => [o.id, o.count, o.share]);

describe('tallyConsultation', () => {
  const results = tallyConsultation(CONSULTATION, BALLOTS);

  test('copies the consultation and counts the ballots', () => {
    expect(results).toMatchObject({
      id: 7,
      title: { fr: 'Se déplacer', en: 'Getting around' },
      status: 'closed',
      audience: 'registered',
      opensAt: '2026-12-01T08:00:00.000Z',
      closesAt: '2026-12-15T17:00:00.000Z',
      ballots: 5,
      invited: null,
    });
    expect(results.questions.map((q) => [q.question.id, q.kind])).toEqual([
      ['bus', 'counts'],
      ['trajet', 'counts'],
      ['priorites', 'counts'],
      ['props', 'majority_judgment'],
      ['remarque', 'comments'],
      ['vide', 'counts'],
    ]);
  });

  test('passes on the number of people invited', () => {
    expect(tallyConsultation({ ...CONSULTATION, invited: 12 }, BALLOTS).invited).toBe(12);
  });

  test('yes / no: yes, no and abstain, in that order, as shares of the answers', () => {
    const bus = questionResult(results, 'bus', 'counts');
    expect([bus.answered, bus.skipped]).toEqual([5, 0]);
    expect(counts(bus)).toEqual([
      ['yes', 3, 0.6],
      ['no', 1, 0.2],
      ['abstain', 1, 0.2],
    ]);
  });

  test('one choice: skipped and missing answers are not counted in the shares', () => {
    const trajet = questionResult(results, 'trajet', 'counts');
    expect([trajet.answered, trajet.skipped]).toEqual([3, 2]);
    expect(counts(trajet)).toEqual([
      ['bus', 2, 2 / 3],
      ['velo', 1, 1 / 3],
      ['voiture', 0, 0],
    ]);
    expect(trajet.options[0]?.label).toEqual(text('BUS'));
  });

  test('several choices: each option as a share of the people who answered, so shares add up to more than 1', () => {
    const priorites = questionResult(results, 'priorites', 'counts');
    expect([priorites.answered, priorites.skipped]).toEqual([4, 1]);
    expect(counts(priorites)).toEqual([
      ['nuit', 2, 0.5],
      ['pistes', 3, 0.75],
      ['trottoirs', 1, 0.25],
    ]);
  });

  test('comments: sorted, skipped ones left out', () => {
    const remarque = questionResult(results, 'remarque', 'comments');
    expect([remarque.answered, remarque.skipped]).toEqual([4, 1]);
    expect(remarque.comments).toEqual(['Allez', 'Écoles', 'Merci', 'zèbre']);
  });

  test('majority judgment: merit profiles and ranking by majority grade, then gauge', () => {
    const props = questionResult(results, 'props', 'majority_judgment');
    expect([props.answered, props.skipped]).toEqual([4, 1]);
    expect(props.grades).toBe(DEFAULT_GRADES);
    // a: 0, 1, 2, 2 → lower median (3rd of 4) Bien; 2 of 4 better, none worse → "+".
    // b: 2, 2, 1, 3 → sorted 1, 2, 2, 3, 3rd is Bien; 1 better, 1 worse → "-": after a.
    // c: 6, 5, 6 (one ballot left it out) → 2nd of 3 is À rejeter; 1 of 3 better.
    expect(props.ranking.map((p) => ({ id: p.id, rank: p.rank, counts: p.counts, total: p.total, grade: p.majorityGrade, better: p.better, worse: p.worse }))).toEqual([
      { id: 'a', rank: 1, counts: [1, 1, 2, 0, 0, 0, 0], total: 4, grade: 2, better: 0.5, worse: 0 },
      { id: 'b', rank: 2, counts: [0, 1, 2, 1, 0, 0, 0], total: 4, grade: 2, better: 0.25, worse: 0.25 },
      { id: 'c', rank: 3, counts: [0, 0, 0, 0, 0, 1, 2], total: 3, grade: 6, better: 1 / 3, worse: 0 },
    ]);
    expect(props.ranking[0]?.label).toEqual(text('A'));
  });

  test('majority judgment: a grade outside the scale is not counted', () => {
    const [props] = tallyConsultation({ ...CONSULTATION, questions: [QUESTIONS[3]!] }, [
      { props: { grades: { a: 7, b: -1, c: 3 } } },
      { props: { grades: { a: 1, b: 1, c: 3 } } },
    ]).questions;
    if (props?.kind !== 'majority_judgment') throw new Error('expected majority judgment');
    const byId = Object.fromEntries(props.ranking.map((p) => [p.id, p.counts]));
    expect(byId).toEqual({ a: [0, 1, 0, 0, 0, 0, 0], b: [0, 1, 0, 0, 0, 0, 0], c: [0, 0, 0, 2, 0, 0, 0] });
  });

  test('a question nobody answered: everyone skipped it, no counts, shares 0', () => {
    const vide = questionResult(results, 'vide', 'counts');
    expect([vide.answered, vide.skipped]).toEqual([0, 5]);
    expect(counts(vide)).toEqual([
      ['x', 0, 0],
      ['y', 0, 0],
    ]);
  });

  test('no ballots at all: every question empty, proposals ungraded and tied', () => {
    const empty = tallyConsultation(CONSULTATION, []);
    expect(empty.ballots).toBe(0);
    for (const q of empty.questions) expect([q.answered, q.skipped]).toEqual([0, 0]);
    expect(counts(questionResult(empty, 'bus', 'counts'))).toEqual([
      ['yes', 0, 0],
      ['no', 0, 0],
      ['abstain', 0, 0],
    ]);
    expect(questionResult(empty, 'remarque', 'comments').comments).toEqual([]);
    expect(questionResult(empty, 'props', 'majority_judgment').ranking.map((p) => [p.id, p.rank, p.majorityGrade, p.total])).toEqual([
      ['a', 1, null, 0],
      ['b', 1, null, 0],
      ['c', 1, null, 0],
    ]);
  });
});

import { counted } from '../../../src/domain/text';
import { DEFAULT_GRADES, type BallotAnswers, type Consultation } from '../../../src/domain/consultation';
import type { ConsultationResults, QuestionResult } from '../../../src/domain/consultation-results';
import type { Language } from '../../../src/domain/language';
import { majorityGradeWords, resultsCsv, resultsJson, resultsSvg, resultsTable, type ResultsWords } from '../../../src/results/format-results';
import { tallyConsultation } from '../../../src/results/tally';

/** Shows the key and its parameters, so tests can check which words were asked for. */
const words = (language: Language): ResultsWords => ({ language, defaultLanguage: 'fr', t: (key, params) => key + JSON.stringify(params ?? {}) });
const fr = words('fr');

const CONSULTATION: Consultation & { invited: number } = {
  id: 3,
  title: { fr: 'Se déplacer, "vite"', en: 'Getting around' },
  description: null,
  opensAt: '2026-12-01T08:00:00.000Z',
  closesAt: '2026-12-15T17:00:00.000Z',
  audience: 'volunteers',
  status: 'closed',
  invited: 8,
  questions: [
    { id: 'bus', type: 'yes_no', text: { fr: 'Bus gratuits ?', en: 'Free buses?' }, optional: false },
    {
      id: 'trajet',
      type: 'one_choice',
      text: { fr: 'Comment venez-vous ?', en: 'How do you come?' },
      optional: false,
      options: [
        { id: 'bus', label: { fr: 'Bus', en: 'Bus' } },
        { id: 'velo', label: { fr: 'Vélo, "rapide"', en: 'Bike' } },
      ],
    },
    {
      id: 'props',
      type: 'majority_judgment',
      text: { fr: 'Ces propositions ?', en: 'These proposals?' },
      optional: false,
      grades: DEFAULT_GRADES,
      proposals: [
        { id: 'navette', label: { fr: 'Navette' } },
        { id: 'zone', label: { fr: 'Zone 30 <écoles> & "crèches"', en: '20 mph' } },
        { id: 'parc', label: { fr: 'Parc relais', en: 'Park and ride' } },
      ],
    },
    { id: 'remarque', type: 'comment', text: { fr: 'Une remarque ?', en: 'A comment?' }, optional: true },
  ],
};

// Grades, best first: zone 1, 2, 2 → Bien, 1 of 3 better ("+"); navette 3, 4, 5 → Passable, as many
// better as worse ("−"); nobody graded parc.
const BALLOTS: readonly BallotAnswers[] = [
  { bus: { choice: 'yes' }, trajet: { choice: 'velo' }, props: { grades: { zone: 1, navette: 3 } }, remarque: { comment: 'Super, merci' } },
  { bus: { choice: 'no' }, trajet: { choice: 'velo' }, props: { grades: { zone: 2, navette: 4 } }, remarque: { skipped: true } },
  { bus: { choice: 'yes' }, trajet: { choice: 'bus' }, props: { grades: { zone: 2, navette: 5 } }, remarque: { comment: 'Non' } },
];

const results = tallyConsultation(CONSULTATION, BALLOTS);
const withoutInvited = tallyConsultation({ ...CONSULTATION, invited: null }, BALLOTS);

function judgment(r: ConsultationResults): Extract<QuestionResult, { kind: 'majority_judgment' }> {
  const found = r.questions.find((q): q is Extract<QuestionResult, { kind: 'majority_judgment' }> => q.kind === 'majority_judgment');
  if (!found) throw new Error('no majority judgment question');
  return found;
}

describe('resultsJson', () => {
  const document = JSON.parse(resultsJson(results, fr));

  test('describes the consultation and its participation, with the rate when people were invited', () => {
    expect(document.consultation).toEqual({
      id: 3,
      title: 'Se déplacer, "vite"',
      status: 'closed',
      audience: 'volunteers',
      opens_at: '2026-12-01T08:00:00.000Z',
      closes_at: '2026-12-15T17:00:00.000Z',
    });
    expect(document.participation).toEqual({ ballots: 3, invited: 8, rate: 37.5 });
    expect(JSON.parse(resultsJson(withoutInvited, fr)).participation).toEqual({ ballots: 3, invited: null, rate: null });
  });

  test('choice questions list their options with counts and percents, yes / no words from the locales', () => {
    const [bus, trajet] = document.questions;
    expect(bus).toEqual({
      id: 'bus',
      type: 'yes_no',
      text: 'Bus gratuits ?',
      answered: 3,
      skipped: 0,
      options: [
        { id: 'yes', label: 'results.yes_no.yes{}', count: 2, percent: 66.7 },
        { id: 'no', label: 'results.yes_no.no{}', count: 1, percent: 33.3 },
        { id: 'abstain', label: 'results.yes_no.abstain{}', count: 0, percent: 0 },
      ],
    });
    expect(trajet.options).toEqual([
      { id: 'bus', label: 'Bus', count: 1, percent: 33.3 },
      { id: 'velo', label: 'Vélo, "rapide"', count: 2, percent: 66.7 },
    ]);
  });

  test('majority judgment: grades in words and the ranking with majority grades and merit profiles', () => {
    const props = document.questions[2];
    expect(props).toMatchObject({ id: 'props', type: 'majority_judgment', answered: 3, skipped: 0 });
    expect(props.grades).toEqual(['Excellent', 'Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant', 'À rejeter']);
    const profile = (...percents: number[]) => percents.map((percent, i) => ({ grade: props.grades[i], count: Math.round((percent * 3) / 100), percent }));
    expect(props.ranking).toEqual([
      {
        rank: 1,
        id: 'zone',
        label: 'Zone 30 <écoles> & "crèches"',
        majority_grade: { index: 2, label: 'Bien' },
        better: 33.3,
        worse: 0,
        merit_profile: profile(0, 33.3, 66.7, 0, 0, 0, 0),
      },
      {
        rank: 2,
        id: 'navette',
        label: 'Navette',
        majority_grade: { index: 4, label: 'Passable' },
        better: 33.3,
        worse: 33.3,
        merit_profile: profile(0, 0, 0, 33.3, 33.3, 33.3, 0),
      },
      {
        rank: 3,
        id: 'parc',
        label: 'Parc relais',
        majority_grade: null,
        better: 0,
        worse: 0,
        merit_profile: props.grades.map((grade: string) => ({ grade, count: 0, percent: 0 })),
      },
    ]);
  });

  test('comments are listed, sorted', () => {
    expect(document.questions[3]).toEqual({ id: 'remarque', type: 'comment', text: 'Une remarque ?', answered: 2, skipped: 1, comments: ['Non', 'Super, merci'] });
  });

  test('labels follow the operator language, falling back to the default language', () => {
    const english = JSON.parse(resultsJson(results, words('en')));
    expect(english.consultation.title).toBe('Getting around');
    expect(english.questions[2].ranking.map((p: { label: string }) => p.label)).toEqual(['20 mph', 'Navette', 'Park and ride']);
    expect(english.questions[2].ranking[0].majority_grade).toEqual({ index: 2, label: 'Good' });
  });
});

describe('resultsCsv', () => {
  test('one row per option or proposal, labels quoted when they hold a comma or a quote, no comment rows', () => {
    expect(resultsCsv(results, fr).split('\n')).toEqual([
      'question_id,question_type,item_id,item_label,count,percent,rank,majority_grade,merit_profile',
      'bus,yes_no,yes,results.yes_no.yes{},2,66.7,,,',
      'bus,yes_no,no,results.yes_no.no{},1,33.3,,,',
      'bus,yes_no,abstain,results.yes_no.abstain{},0,0,,,',
      'trajet,one_choice,bus,Bus,1,33.3,,,',
      'trajet,one_choice,velo,"Vélo, ""rapide""",2,66.7,,,',
      'props,majority_judgment,zone,"Zone 30 <écoles> & ""crèches""",3,,1,Bien +,0/1/2/0/0/0/0',
      'props,majority_judgment,navette,Navette,3,,2,Passable −,0/0/0/1/1/1/0',
      'props,majority_judgment,parc,Parc relais,0,,3,results.no_grade{},0/0/0/0/0/0/0',
    ]);
  });
});

describe('resultsTable', () => {
  test('a heading, the participation, then every question with its options, proposals or comments', () => {
    const t = fr.t;
    const grades = ['Excellent', 'Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant', 'À rejeter'];
    const profile = (...percents: number[]) => `     ${percents.map((percent, g) => `${grades[g]} ${t('results.percent', { percent })}`).join(' · ')}`;
    expect(resultsTable(results, fr).split('\n')).toEqual([
      t('results.heading', { id: 3, title: 'Se déplacer, "vite"', status: 'results.status.closed{}' }),
      t('results.participation_rate', { answers: counted('answers', 3), invited: counted('people_invited', 8), percent: 37.5 }),
      '',
      t('results.question', { n: 1, text: 'Bus gratuits ?', answered: 3, skipped: 0 }),
      t('results.option', { label: 'results.yes_no.yes{}', count: 2, percent: 66.7 }),
      t('results.option', { label: 'results.yes_no.no{}', count: 1, percent: 33.3 }),
      t('results.option', { label: 'results.yes_no.abstain{}', count: 0, percent: 0 }),
      '',
      t('results.question', { n: 2, text: 'Comment venez-vous ?', answered: 3, skipped: 0 }),
      // Most chosen first.
      t('results.option', { label: 'Vélo, "rapide"', count: 2, percent: 66.7 }),
      t('results.option', { label: 'Bus', count: 1, percent: 33.3 }),
      '',
      t('results.question', { n: 3, text: 'Ces propositions ?', answered: 3, skipped: 0 }),
      t('results.proposal', { rank: 1, label: 'Zone 30 <écoles> & "crèches"', grade: 'Bien +' }),
      profile(0, 33.3, 66.7, 0, 0, 0, 0),
      t('results.proposal', { rank: 2, label: 'Navette', grade: 'Passable −' }),
      profile(0, 0, 0, 33.3, 33.3, 33.3, 0),
      t('results.proposal', { rank: 3, label: 'Parc relais', grade: 'results.no_grade{}' }),
      profile(0, 0, 0, 0, 0, 0, 0),
      '',
      t('results.question', { n: 4, text: 'Une remarque ?', answered: 2, skipped: 1 }),
      t('results.comment', { text: 'Non' }),
      t('results.comment', { text: 'Super, merci' }),
    ]);
  });

  test('without a number of people invited, the participation has no rate', () => {
    expect(resultsTable(withoutInvited, fr).split('\n')[1]).toBe('results.participation{"answers":{"key":"common:answers","params":{"count":3}}}');
  });
});

describe('majorityGradeWords', () => {
  test('the grade with its tie-break sign, or no grade', () => {
    const [zone, navette, parc] = judgment(results).ranking;
    expect(majorityGradeWords(zone!, DEFAULT_GRADES, fr)).toBe('Bien +');
    expect(majorityGradeWords(navette!, DEFAULT_GRADES, fr)).toBe('Passable −');
    expect(majorityGradeWords(parc!, DEFAULT_GRADES, fr)).toBe('results.no_grade{}');
    expect(majorityGradeWords(zone!, DEFAULT_GRADES, words('en'))).toBe('Good +');
  });
});

describe('resultsSvg', () => {
  const svg = resultsSvg(results, judgment(results), fr);

  test('is a standalone SVG document', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  test('shows every proposal, labels escaped, with the words from the locales', () => {
    expect(svg).toContain('Zone 30 &lt;écoles&gt; &amp; &quot;crèches&quot;');
    expect(svg).not.toContain('<écoles>');
    expect(svg).toContain('Navette');
    expect(svg).toContain('Parc relais');
    expect(svg).toContain(`results.chart_caption{&quot;grade&quot;:&quot;Bien +&quot;}`);
    expect(svg).toContain('results.chart_footnote{&quot;answers&quot;:{&quot;key&quot;:&quot;common:answers&quot;,&quot;params&quot;:{&quot;count&quot;:3}},&quot;people&quot;:{&quot;key&quot;:&quot;common:people&quot;,&quot;params&quot;:{&quot;count&quot;:3}}}');
    expect(svg).toContain('<title id="merit-profiles-title">results.chart_title{&quot;title&quot;:');
    // Two grades given to zone, three to navette, an empty bar for parc.
    expect(svg.match(/<rect class="segment"/g)).toHaveLength(5);
    expect(svg.match(/<rect class="empty-bar"/g)).toHaveLength(1);
    expect(svg.match(/<g class="proposal" data-rank="(\d)"/g)).toEqual([
      '<g class="proposal" data-rank="1"',
      '<g class="proposal" data-rank="2"',
      '<g class="proposal" data-rank="3"',
    ]);
  });

  test('is the same for the same results', () => {
    expect(resultsSvg(results, judgment(results), fr)).toBe(svg);
  });
});

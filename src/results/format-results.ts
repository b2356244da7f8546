import { counted, type TextParam } from '../domain/text';
import { agentText, type AgentText } from '../domain/assembly-session';
import type { ConsultationResults, QuestionResult, RankedProposal } from '../domain/consultation-results';
import type { Language } from '../domain/language';
import { renderMeritProfilesSvg } from './merit-profile-svg';

/** The words a results document needs that are not the agents' own: in the operator's language. */
export interface ResultsWords {
  readonly language: Language;
  readonly defaultLanguage: Language;
  /** A CLI text (`cli:results.*`). */
  t(key: string, params?: Record<string, TextParam>): string;
}

/** Output formats of `parlons results`. */
export const RESULT_FORMATS = ['table', 'csv', 'json', 'svg'] as const;
/** One of table, csv, json, svg. */
export type ResultFormat = (typeof RESULT_FORMATS)[number];

function words(value: AgentText, w: ResultsWords): string {
  return agentText(value, w.language, w.defaultLanguage);
}

/** An option's label: yes / no / abstain come from the locales, the rest from the consultation file. */
function optionLabel(result: QuestionResult, id: string, label: AgentText, w: ResultsWords): string {
  return result.question.type === 'yes_no' ? w.t(`results.yes_no.${id}`) : words(label, w);
}

const percent = (share: number): number => Math.round(share * 1000) / 10;

/** The majority grade of a proposal in words, with the tie-break sign (`Bien +`), or "no grade". */
export function majorityGradeWords(proposal: RankedProposal, grades: readonly AgentText[], w: ResultsWords): string {
  if (proposal.majorityGrade === null) return w.t('results.no_grade');
  const grade = words(grades[proposal.majorityGrade] ?? {}, w);
  return proposal.better > proposal.worse ? `${grade} +` : `${grade} −`;
}

/**
 * Results as a JSON document (snake_case keys: an exchange format), labels in the operator's
 * language. `published`: for open data, comments are counted but their texts left out (free text
 * may name someone).
 */
export function resultsJson(results: ConsultationResults, w: ResultsWords, published = false): string {
  const document = {
    consultation: {
      id: results.id,
      title: words(results.title, w),
      status: results.status,
      audience: results.audience,
      opens_at: results.opensAt,
      closes_at: results.closesAt,
    },
    participation: { ballots: results.ballots, invited: results.invited, rate: results.invited ? percent(results.ballots / results.invited) : null },
    questions: results.questions.map((q) => {
      const base = { id: q.question.id, type: q.question.type, text: words(q.question.text, w), answered: q.answered, skipped: q.skipped };
      switch (q.kind) {
        case 'counts':
          return { ...base, options: q.options.map((o) => ({ id: o.id, label: optionLabel(q, o.id, o.label, w), count: o.count, percent: percent(o.share) })) };
        case 'comments':
          return published ? base : { ...base, comments: q.comments };
        case 'majority_judgment':
          return {
            ...base,
            grades: q.grades.map((g) => words(g, w)),
            ranking: q.ranking.map((p) => ({
              rank: p.rank,
              id: p.id,
              label: words(p.label, w),
              majority_grade: p.majorityGrade === null ? null : { index: p.majorityGrade, label: words(q.grades[p.majorityGrade] ?? {}, w) },
              better: percent(p.better),
              worse: percent(p.worse),
              merit_profile: p.counts.map((count, i) => ({ grade: words(q.grades[i] ?? {}, w), count, percent: p.total > 0 ? percent(count / p.total) : 0 })),
            })),
          };
      }
    }),
  };
  return JSON.stringify(document, null, 2);
}

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Results as CSV, one row per option or proposal (comments are left out: they are free text,
 * read in the JSON or the table). For majority judgment, `merit_profile` lists the counts per
 * grade, best first, separated by `/`.
 */
export function resultsCsv(results: ConsultationResults, w: ResultsWords): string {
  const header = ['question_id', 'question_type', 'item_id', 'item_label', 'count', 'percent', 'rank', 'majority_grade', 'merit_profile'];
  const rows: (string | number | null)[][] = [];
  for (const q of results.questions) {
    if (q.kind === 'counts') {
      for (const o of q.options) rows.push([q.question.id, q.question.type, o.id, optionLabel(q, o.id, o.label, w), o.count, percent(o.share), null, null, null]);
    } else if (q.kind === 'majority_judgment') {
      for (const p of q.ranking) rows.push([q.question.id, q.question.type, p.id, words(p.label, w), p.total, null, p.rank, majorityGradeWords(p, q.grades, w), p.counts.join('/')]);
    }
  }
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n');
}

/** Results as text for a terminal: participation, then each question. */
export function resultsTable(results: ConsultationResults, w: ResultsWords): string {
  const lines = [
    w.t('results.heading', { id: results.id, title: words(results.title, w), status: w.t(`results.status.${results.status}`) }),
    results.invited
      ? w.t('results.participation_rate', { answers: counted('answers', results.ballots), invited: counted('people_invited', results.invited), percent: percent(results.ballots / results.invited) })
      : w.t('results.participation', { answers: counted('answers', results.ballots) }),
  ];
  results.questions.forEach((q, i) => {
    lines.push('', w.t('results.question', { n: i + 1, text: words(q.question.text, w), answered: q.answered, skipped: q.skipped }));
    if (q.kind === 'counts') {
      for (const o of [...q.options].sort((a, b) => b.count - a.count)) {
        lines.push(w.t('results.option', { label: optionLabel(q, o.id, o.label, w), count: o.count, percent: percent(o.share) }));
      }
    } else if (q.kind === 'comments') {
      for (const c of q.comments) lines.push(w.t('results.comment', { text: c }));
    } else {
      for (const p of q.ranking) {
        const profile = p.counts.map((count, g) => `${words(q.grades[g] ?? {}, w)} ${w.t('results.percent', { percent: p.total > 0 ? percent(count / p.total) : 0 })}`).join(' · ');
        lines.push(w.t('results.proposal', { rank: p.rank, label: words(p.label, w), grade: majorityGradeWords(p, q.grades, w) }), `     ${profile}`);
      }
    }
  });
  return lines.join('\n');
}

/** The merit profiles of one majority judgment question as an SVG chart; `idPrefix` keeps its ids apart from other charts of a page. */
export function resultsSvg(results: ConsultationResults, question: Extract<QuestionResult, { kind: 'majority_judgment' }>, w: ResultsWords, idPrefix?: string): string {
  const formatPercent = (share: number) => w.t('results.percent', { percent: Math.round(share * 100) });
  return renderMeritProfilesSvg({
    title: w.t('results.chart_title', { title: words(results.title, w), question: words(question.question.text, w) }),
    grades: question.grades.map((g) => words(g, w)),
    proposals: question.ranking.map((p) => ({
      label: words(p.label, w),
      counts: p.counts,
      rank: p.rank,
      majorityGrade: p.majorityGrade,
      caption: w.t('results.chart_caption', { grade: majorityGradeWords(p, question.grades, w) }),
    })),
    footnote: w.t('results.chart_footnote', { answers: counted('answers', results.ballots), people: counted('people', question.answered) }),
    formatPercent,
    ...(idPrefix ? { idPrefix } : {}),
  });
}

import { counted, type TextParam } from '../domain/text';
import type { ConsultationResults, QuestionResult } from '../domain/consultation-results';
import { majorityGradeWords, resultsSvg, type ResultsWords } from '../results/format-results';
import { dataTable } from './components';
import { html, trustedHtml, type SafeHtml } from './html';
import type { PageContext } from './web-routes';

/** The `parlons` command's words (`cli:` namespace) in the visitor's language: results and consultation files say the same everywhere. */
export function cliWords(ctx: PageContext): (key: string, params?: Record<string, TextParam>) => string {
  return (key, params) => ctx.say({ key: `cli:${key}`, ...(params ? { params } : {}) });
}

/** The words of results documents, in the visitor's language. */
export function resultsWords(ctx: PageContext): ResultsWords {
  return { language: ctx.language, defaultLanguage: ctx.app.settings.defaultLanguage, t: cliWords(ctx) };
}

/** Participation in words: "120 answers out of 800 people invited (15 %)". */
export function participationWords(ctx: PageContext, ballots: number, invited: number | null): string {
  return invited ? ctx.t('results.participation_rate', { ballots, invited, rate: ctx.number(ballots / invited, 'percent') }) : ctx.t('results.participation', { ballots });
}

/**
 * One question's results: a table of counts, or the merit profiles' chart with its table, and
 * comments: their texts for agents (as `parlons results` shows them), only their number for the public.
 */
function questionResults(ctx: PageContext, results: ConsultationResults, q: QuestionResult, index: number, readers: 'public' | 'agents'): SafeHtml {
  const w = resultsWords(ctx);
  const heading = html`<h3>${ctx.t('results.question', { n: index + 1, text: ctx.agentText(q.question.text) })}</h3>
<p>${ctx.t('results.answered', { answered: counted('answers', q.answered), skipped: q.skipped })}</p>`;
  switch (q.kind) {
    case 'counts':
      return html`${heading}${dataTable(
        ctx.t('results.counts_caption', { n: index + 1 }),
        [ctx.t('results.option'), ctx.t('results.count'), ctx.t('results.share')],
        q.options.map((o) => [q.question.type === 'yes_no' ? w.t(`results.yes_no.${o.id}`) : ctx.agentText(o.label), ctx.number(o.count), ctx.number(o.share, 'percent')]),
        { numeric: [1, 2] },
      )}`;
    case 'comments':
      return readers === 'agents'
        ? html`${heading}<ul class="comments">${q.comments.map((comment) => html`<li>${comment}</li>`)}</ul>`
        : html`${heading}<p>${ctx.t('results.comments_kept', { count: q.answered })}</p>`;
    case 'majority_judgment': {
      // Our own drawing (every text in it escaped), without its XML prolog, in the page.
      const svg = resultsSvg(results, q, w, `chart-${q.question.id}`).replace(/^<\?xml[^>]*>\s*/, '');
      const grades = q.grades.map((g) => ctx.agentText(g));
      return html`${heading}
<figure class="chart">${trustedHtml(svg)}<figcaption>${ctx.t('results.chart_caption')}</figcaption></figure>
${dataTable(
  ctx.t('results.profiles_caption', { n: index + 1 }),
  [ctx.t('results.proposal'), ctx.t('results.rank'), ctx.t('results.majority_grade'), ...grades],
  q.ranking.map((p) => [
    ctx.agentText(p.label),
    ctx.number(p.rank),
    majorityGradeWords(p, q.grades, w),
    ...p.counts.map((count) => (p.total > 0 ? ctx.number(count / p.total, 'percent') : '—')),
  ]),
  { numeric: [1, ...grades.map((_, i) => i + 3)] },
)}`;
    }
  }
}

/** Every question's results, one section each. */
export function resultsSections(ctx: PageContext, results: ConsultationResults, readers: 'public' | 'agents'): SafeHtml {
  return html`${results.questions.map((q, i) => html`<section class="question">${questionResults(ctx, results, q, i, readers)}</section>`)}`;
}

import { counted } from '../../../domain/text';
import { resultsCsv, resultsJson } from '../../../results/format-results';
import { publishedResults } from '../../../results/published-results';
import { SMALLEST_PUBLISHED_CELL } from '../../../reporting/volunteer-breakdowns';
import type { ConsultationRecord } from '../../../store/consultations-repo';
import { html, type SafeHtml } from '../../html';
import { participationWords, resultsSections, resultsWords } from '../../results-view';
import { notFound, page, type PageContext, type Reply, type WebRoutes } from '../../web-routes';

/** Closed results never change: counted once an hour at most. */
const RESULTS_TTL_MS = 3_600_000;

/** How to answer in chat, said the same way on every consultation. */
function howToAnswer(ctx: PageContext): SafeHtml {
  return html`<p>${ctx.t('consultations.how_to_answer')} <a href="${ctx.href('/join')}">${ctx.t('consultations.how_to_join')}</a></p>`;
}

function consultationCard(ctx: PageContext, c: ConsultationRecord, detail: SafeHtml): SafeHtml {
  return html`<li class="card"><h3><a href="${ctx.href(`/consultations/${c.id}`)}">${ctx.agentText(c.title)}</a></h3>${detail}</li>`;
}

/** The public pages of consultations: those open (and how to answer), those closed with their results and open data. */
export function consultationPages(routes: WebRoutes): void {
  routes.page('/consultations', 'public', (ctx) => {
    const all = ctx.app.store.consultations.list();
    const now = ctx.now.toISOString();
    const open = all.filter((c) => c.status === 'open' && c.closesAt > now);
    const coming = all.filter((c) => c.status === 'scheduled');
    const closed = all.filter((c) => c.status === 'closed').reverse();
    return page(
      ctx.t('consultations.title'),
      html`<p class="lead">${ctx.t('consultations.intro')}</p>
<section aria-labelledby="open-title"><h2 id="open-title">${ctx.t('consultations.open')}</h2>
${open.length === 0 ? html`<p>${ctx.t('consultations.none_open')}</p>` : html`${howToAnswer(ctx)}<ul class="cards">${open.map((c) => consultationCard(ctx, c, html`<p>${ctx.t('consultations.until', { when: ctx.dateTime(c.closesAt) })}</p>`))}</ul>`}
</section>
${coming.length > 0 ? html`<section aria-labelledby="coming-title"><h2 id="coming-title">${ctx.t('consultations.coming')}</h2><ul class="cards">${coming.map((c) => consultationCard(ctx, c, html`<p>${ctx.t('consultations.opens', { when: ctx.dateTime(c.opensAt) })}</p>`))}</ul></section>` : ''}
<section aria-labelledby="closed-title"><h2 id="closed-title">${ctx.t('consultations.closed')}</h2>
${closed.length === 0 ? html`<p>${ctx.t('consultations.none_closed')}</p>` : html`<ul class="cards">${closed.map((c) => consultationCard(ctx, c, html`<p>${ctx.t('consultations.closed_on', { when: ctx.dateTime(c.closedAt ?? c.closesAt) })}</p>`))}</ul>`}
</section>`,
    );
  });

  routes.page('/consultations/:id', 'public', (ctx, { params }) => {
    const id = Number(params.id);
    const consultation = /^\d+$/.test(params.id ?? '') ? ctx.app.store.consultations.find(id) : null;
    if (!consultation) return notFound;
    const title = ctx.agentText(consultation.title);
    const about = html`${consultation.description ? html`<p class="lead">${ctx.agentText(consultation.description)}</p>` : ''}`;
    if (consultation.status !== 'closed') {
      const open = consultation.status === 'open';
      return page(
        title,
        html`${about}<p>${open ? ctx.t('consultations.until', { when: ctx.dateTime(consultation.closesAt) }) : ctx.t('consultations.opens', { when: ctx.dateTime(consultation.opensAt) })}</p>
<h2>${ctx.t('consultations.questions')}</h2>
<ol>${consultation.questions.map((q) => html`<li>${ctx.agentText(q.text)}</li>`)}</ol>
${howToAnswer(ctx)}
<p>${ctx.t('consultations.results_after')}</p>`,
      );
    }
    // Only a closed consultation's results are kept: they never change again.
    const published = ctx.cached(`results:${id}`, RESULTS_TTL_MS, () => publishedResults(ctx.app.store, id));
    if (published.kind !== 'results') {
      const ballots = published.kind === 'too_few' ? published.ballots : 0;
      return page(title, html`${about}<p>${participationWords(ctx, ballots, published.kind === 'too_few' ? published.invited : null)}</p><p>${ctx.t('results.not_enough', { people: counted('people', SMALLEST_PUBLISHED_CELL) })}</p>`);
    }
    // A closed consultation's page never changes: drawn once per language.
    const body = ctx.cached(`results_page:${id}:${ctx.language}`, RESULTS_TTL_MS, () => {
      const { results } = published;
      return html`${about}
<p>${ctx.t('consultations.closed_on', { when: ctx.dateTime(consultation.closedAt ?? consultation.closesAt) })}</p>
<p class="figure">${participationWords(ctx, results.ballots, results.invited)}</p>
<p>${ctx.t('results.method')}</p>
${resultsSections(ctx, results, 'public')}
<h2>${ctx.t('results.open_data')}</h2>
<ul>
  <li><a href="${ctx.href(`/consultations/${id}/results.csv`)}" download>${ctx.t('results.csv')}</a></li>
  <li><a href="${ctx.href(`/consultations/${id}/results.json`)}" download>${ctx.t('results.json')}</a></li>
</ul>`;
    });
    return page(title, body);
  });

  const download = (format: 'csv' | 'json') => (ctx: PageContext, id: string | undefined): Reply => {
    if (!/^\d+$/.test(id ?? '') || ctx.app.store.consultations.find(Number(id))?.status !== 'closed') return notFound;
    const published = ctx.cached(`results:${id}`, RESULTS_TTL_MS, () => publishedResults(ctx.app.store, Number(id)));
    if (published.kind !== 'results') return notFound;
    const w = resultsWords(ctx);
    return format === 'csv'
      ? { kind: 'file', type: 'text/csv; charset=utf-8', filename: `consultation-${id}.csv`, body: `${resultsCsv(published.results, w)}\n` }
      : { kind: 'file', type: 'application/json; charset=utf-8', filename: `consultation-${id}.json`, body: `${resultsJson(published.results, w, true)}\n` };
  };
  routes.page('/consultations/:id/results.csv', 'public', (ctx, { params }) => download('csv')(ctx, params.id));
  routes.page('/consultations/:id/results.json', 'public', (ctx, { params }) => download('json')(ctx, params.id));
}

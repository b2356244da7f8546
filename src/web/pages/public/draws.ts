import { counted } from '../../../domain/text';
import { publicRecordText } from '../../../draws/draw-record';
import { publicDraws, publicDrawView, type PublicDrawSummary, type PublicDrawView } from '../../../draws/public-draw-view';
import { SMALLEST_PUBLISHED_CELL } from '../../../reporting/volunteer-breakdowns';
import { dataTable } from '../../components';
import { drawFieldHeading, drawFieldName, drawValueName, seatStatusName } from '../../draw-words';
import { html, type SafeHtml } from '../../html';
import { notFound, page, type PageContext, type WebRoutes } from '../../web-routes';

/** Answers come in over days; a page a few seconds late is fine, and read once however many visit. */
const DRAW_TTL_MS = 10_000;

/** Where a draw stands, in a sentence. */
function standing(ctx: PageContext, draw: PublicDrawSummary): string {
  return draw.drawnAt ? ctx.t('draws.drawn_on', { when: ctx.dateTime(draw.drawnAt) }) : ctx.t('draws.prepared_on', { when: ctx.dateTime(draw.preparedAt) });
}

function drawId(id: string | undefined): number | null {
  return /^\d+$/.test(id ?? '') ? Number(id) : null;
}

/** The draw's view, read at most once per period. */
function viewOf(ctx: PageContext, id: number): PublicDrawView | null {
  return ctx.cached(`draw:${id}`, DRAW_TTL_MS, () => publicDrawView(ctx.app.store, id));
}

/** The people drawn, by pseudonym, with their categories and answers: the public record's own listing. */
function seatsTable(ctx: PageContext, view: PublicDrawView): SafeHtml {
  if (view.seats.length === 0) return html`<p>${ctx.t('draws.nobody_yet')}</p>`;
  const fields = view.categories.map((c) => c.field);
  return dataTable(
    ctx.t('draws.seats_caption', { count: view.seats.length }),
    [ctx.t('draws.pseudonym'), ctx.t('draws.round'), ...fields.map((f) => drawFieldHeading(ctx, f)), ctx.t('draws.answer')],
    view.seats.map((seat) => [
      html`<code>${seat.pseudonym}</code>`,
      seat.round === 0 ? ctx.t('draws.round_draw') : ctx.t('draws.round_replacement', { n: seat.round }),
      ...fields.map((field, c) => drawValueName(ctx, field, seat.values[c] ?? '')),
      seatStatusName(ctx, seat.answer),
    ]),
  );
}

/** The replacement rounds: when, with which seed, how many seats freed and people drawn. */
function roundsTable(ctx: PageContext, view: PublicDrawView): SafeHtml {
  if (view.rounds.length === 0) return html`<p>${ctx.t('draws.no_rounds')}</p>`;
  return dataTable(
    ctx.t('draws.rounds_caption'),
    [ctx.t('draws.round'), ctx.t('draws.round_at'), ctx.t('draws.round_seed'), ctx.t('draws.round_freed'), ctx.t('draws.round_drawn'), ctx.t('draws.round_relaxed')],
    view.rounds.map((r) => [ctx.t('draws.round_replacement', { n: r.round }), ctx.shortDateTime(r.at), html`<code>${r.seed}</code>`, ctx.number(r.freed), ctx.number(r.drawn), ctx.t(r.relaxed ? 'draws.yes' : 'draws.no')]),
    { numeric: [3, 4] },
  );
}

/** Each category: its quotas, the pool's people by value (counts under five withheld), and whether the seats held keep the quota. */
function quotaTables(ctx: PageContext, view: PublicDrawView): SafeHtml {
  return html`${view.categories.map((category) => {
    return dataTable(
      ctx.t('draws.quotas_caption', { field: drawFieldName(ctx, category.field) }),
      [drawFieldHeading(ctx, category.field), ctx.t('draws.quota'), ctx.t('draws.in_pool'), ctx.t('draws.within_quota')],
      category.values.map((row) => [
        drawValueName(ctx, category.field, row.value),
        row.min === row.max ? ctx.say(counted('seats', row.min)) : ctx.t('draws.seats_between', { min: row.min, max: counted('seats', row.max) }),
        row.pool === null ? ctx.t('figures.hidden') : ctx.number(row.pool),
        row.withinQuota === null ? '—' : ctx.t(row.withinQuota ? 'draws.yes' : 'draws.no'),
      ]),
      { numeric: [2] },
    );
  })}`;
}

/** How anyone checks the draw from the public record, step by step. */
function howToCheck(ctx: PageContext, view: PublicDrawView): SafeHtml {
  const file = `draw-${view.id}.json`;
  return html`<p><a class="button" href="${ctx.href(`/draws/${view.id}/record.json`)}" download="${file}">${ctx.t('draws.download')}</a></p>
<ol class="steps">
  <li>${ctx.t('draws.check_commitment')}</li>
  <li>${ctx.t('draws.check_seed')}</li>
  <li>${ctx.t('draws.check_run')} <code>npx parlons draw verify ${file}</code></li>
  <li>${ctx.t('draws.check_lines')}</li>
  <li>${ctx.t('draws.check_yourself')}</li>
</ol>`;
}

/** One draw's public page. */
function drawPage(ctx: PageContext, view: PublicDrawView): SafeHtml {
  const drawn = view.seed !== null;
  return html`<p class="lead">${ctx.agentText(view.about)}</p>
<dl class="facts">
  <dt>${ctx.t('draws.status')}</dt><dd>${standing(ctx, view)}</dd>
  <dt>${ctx.t('draws.seats')}</dt><dd>${ctx.t('draws.seats_among', { seats: counted('seats', view.panelSize), pool: counted('people', view.poolSize) })}</dd>
  <dt>${ctx.t('draws.chances')}</dt><dd>${ctx.t('draws.chances_range', { smallest: ctx.number(view.smallestProbability, 'percent'), largest: ctx.number(view.largestProbability, 'percent') })}</dd>
</dl>
<section aria-labelledby="commitment-title">
  <h2 id="commitment-title">${ctx.t('draws.commitment_title')}</h2>
  <p>${ctx.t('draws.commitment_text', { when: ctx.dateTime(view.preparedAt) })}</p>
  <p><code class="commitment">${view.commitment}</code></p>
</section>
<section aria-labelledby="source-title">
  <h2 id="source-title">${ctx.t('draws.source_title')}</h2>
  <p>${ctx.t('draws.source_text')}</p>
  <p><strong>${view.seedSource}</strong></p>
</section>
<section aria-labelledby="seed-title">
  <h2 id="seed-title">${ctx.t('draws.seed_title')}</h2>
  ${
    drawn
      ? html`<p>${ctx.t('draws.seed_text', { when: ctx.dateTime(view.drawnAt ?? view.preparedAt) })}</p>
  <p><code>${view.seed}</code></p>
  <p>${ctx.t('draws.seed_result', { uniform: String(view.uniform), panel: view.panelNumber ?? 0, panels: ctx.number(view.panels) })}</p>`
      : html`<p>${ctx.t('draws.not_drawn_yet')}</p>`
  }
</section>
<section aria-labelledby="seats-title">
  <h2 id="seats-title">${ctx.t('draws.seats_title')}</h2>
  <p>${ctx.t('draws.pseudonyms_note')}</p>
  ${seatsTable(ctx, view)}
</section>
<section aria-labelledby="rounds-title">
  <h2 id="rounds-title">${ctx.t('draws.rounds_title')}</h2>
  <p>${ctx.t('draws.rounds_text')}</p>
  ${roundsTable(ctx, view)}
</section>
<section aria-labelledby="quotas-title">
  <h2 id="quotas-title">${ctx.t('draws.quotas_title')}</h2>
  <p class="hint">${ctx.t('figures.published_note', { people: counted('people', SMALLEST_PUBLISHED_CELL) })}</p>
  ${quotaTables(ctx, view)}
</section>
<section aria-labelledby="check-title">
  <h2 id="check-title">${ctx.t('draws.check_title')}</h2>
  ${howToCheck(ctx, view)}
</section>
<p><a href="${ctx.href('/draws')}">${ctx.t('draws.back')}</a></p>`;
}

/**
 * The public pages of draws by lot: every draw with where it stands, and each draw's page — the
 * commitment, the random source announced, the seed and the people drawn by pseudonym, the
 * replacements, the pool by category (counts under five withheld), the public record to download
 * and how to check it. No name, no contact point.
 */
export function drawPages(routes: WebRoutes): void {
  routes.page('/draws', 'public', (ctx) => {
    const draws = ctx.cached('draws', DRAW_TTL_MS, () => publicDraws(ctx.app.store));
    return page(
      ctx.t('draws.title'),
      html`<p class="lead">${ctx.t('draws.intro')}</p>
${
  draws.length === 0
    ? html`<p>${ctx.t('draws.none')}</p>`
    : html`<ul class="cards">${draws.map(
        (draw) => html`<li class="card">
  <h2><a href="${ctx.href(`/draws/${draw.id}`)}">${ctx.agentText(draw.name)}</a></h2>
  <p>${standing(ctx, draw)}</p>
  <p>${ctx.t('draws.seats_among', { seats: counted('seats', draw.panelSize), pool: counted('people', draw.poolSize) })}</p>
</li>`,
      )}</ul>`
}`,
    );
  });

  routes.page('/draws/:id', 'public', (ctx, { params }) => {
    const id = drawId(params.id);
    const view = id === null ? null : viewOf(ctx, id);
    return view ? page(ctx.agentText(view.name), drawPage(ctx, view)) : notFound;
  });

  routes.page('/draws/:id/record.json', 'public', (ctx, { params }) => {
    const id = drawId(params.id);
    const draw = id === null ? null : ctx.app.store.draws.find(id);
    if (!draw || draw.status === 'cancelled') return notFound;
    return { kind: 'file', type: 'application/json; charset=utf-8', filename: `draw-${draw.id}.json`, body: publicRecordText(ctx.app.store, draw) };
  });
}

import { counted } from '../../../domain/text';
import { joinLink, type JoinAddress } from '../../../app/join-addresses';
import type { AssemblySession } from '../../../domain/assembly-session';
import { peopleCounts, volunteersBy } from '../../../reporting/collect-stats';
import { SMALLEST_PUBLISHED_CELL, volunteerBreakdowns, type Breakdown } from '../../../reporting/volunteer-breakdowns';
import { breakdownTables } from '../../figures';
import { html, type SafeHtml } from '../../html';
import { qrCodeSvg } from '../../qr-code';
import { page, type PageContext, type WebRoutes } from '../../web-routes';

/** Published figures change slowly: read them at most once a minute. */
const FIGURES_TTL_MS = 60_000;

/** Who takes part: the published figures of the volunteers. */
interface PublishedFigures {
  readonly volunteers: number;
  readonly breakdowns: readonly Breakdown[];
}

function whoTakesPart(ctx: PageContext, figures: PublishedFigures): SafeHtml {
  return html`<section aria-labelledby="figures-title">
  <h2 id="figures-title">${ctx.t('assembly.who')}</h2>
  <p>${ctx.t('assembly.volunteers', { count: figures.volunteers })}</p>
  <p class="hint">${ctx.t('figures.published_note', { people: counted('people', SMALLEST_PUBLISHED_CELL) })}</p>
  ${breakdownTables(ctx, figures.breakdowns)}
</section>`;
}

/** A link to the place on OpenStreetMap: a search for the place in the city. */
function mapLink(place: string, city: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${place}, ${city}`)}`;
}

/** The sessions to come, each with its date, place and a map link. */
export function sessionList(ctx: PageContext, sessions: readonly AssemblySession[]): SafeHtml {
  if (sessions.length === 0) return html`<p>${ctx.t('assembly.no_sessions')}</p>`;
  const city = ctx.app.settings.city.name;
  return html`<ul class="cards">${sessions.map(
    (s) => html`<li class="card">
  <h3>${ctx.agentText(s.title)}</h3>
  <p><strong>${ctx.dateTime(s.startsAt)}</strong></p>
  <p>${s.place} · <a href="${mapLink(s.place, city)}">${ctx.t('assembly.map', { place: s.place })}</a></p>
  ${s.description ? html`<p>${ctx.agentText(s.description)}</p>` : ''}
</li>`,
  )}</ul>`;
}

/** The ways to write to the bot, each with its address, a link and, where a phone can scan one, a QR code. */
function joinList(ctx: PageContext, addresses: readonly JoinAddress[], source: string | null): SafeHtml {
  if (addresses.length === 0) return html`<p>${ctx.t('join.none', { contact: ctx.app.settings.humanContact })}</p>`;
  return html`<ul class="cards join">${addresses.map((join) => {
    const link = joinLink(join, source);
    const channel = ctx.say({ key: `common:channel.${join.channel}` });
    return html`<li class="card">
  <h3>${channel}</h3>
  <p>${ctx.t(`join.how.${join.channel}`, { address: join.address })}</p>
  ${
    link === null
      ? ''
      : join.channel === 'sms'
        ? html`<p><a href="${link}">${ctx.t('join.sms_link')}</a></p>`
        : html`<p><a href="${link}">${link}</a></p>${qrCodeSvg(link, ctx.t('join.qr_label', { channel, address: join.address }))}`
  }
</li>`;
  })}</ul>`;
}

/** A poster's name, as a deep link records it: `poster-trois_cites`, or `poster` without a neighbourhood. */
function posterSource(neighbourhood: string | null): string {
  return neighbourhood ? `poster-${neighbourhood}` : 'poster';
}

/** The public pages about the assembly: its home page, how to join, a poster to print. */
export function assemblyPages(routes: WebRoutes): void {
  routes.page('/', 'public', (ctx) => {
    const { store } = ctx.app;
    const sessions = store.sessions.list(ctx.now, false);
    // The figures (counts over every volunteer) are read and drawn once a minute per language.
    const figures = ctx.cached(`assembly_figures:${ctx.language}`, FIGURES_TTL_MS, () => {
      return whoTakesPart(ctx, { volunteers: peopleCounts(store.db).volunteers, breakdowns: volunteerBreakdowns(volunteersBy(store.db), ctx.app.settings.city, true) });
    });
    const city = ctx.app.settings.city.name;
    return page(
      ctx.t('assembly.title', { city }),
      html`<p class="lead">${ctx.t('assembly.intro', { city })}</p>
<p>${ctx.t('assembly.how_it_works')}</p>
<section aria-labelledby="sessions-title">
  <h2 id="sessions-title">${ctx.t('assembly.sessions')}</h2>
  ${sessionList(ctx, sessions)}
</section>
<section aria-labelledby="join-title">
  <h2 id="join-title">${ctx.t('assembly.join')}</h2>
  <p>${ctx.t('assembly.join_text')}</p>
  <p><a class="button" href="${ctx.href('/join')}">${ctx.t('assembly.join_link')}</a></p>
</section>
${figures}`,
    );
  });

  routes.page('/join', 'public', (ctx) => {
    const addresses = ctx.deps.joinAddresses();
    const neighbourhoods = ctx.app.settings.city.neighbourhoods;
    return page(
      ctx.t('join.title'),
      html`<p class="lead">${ctx.t('join.intro')}</p>
${joinList(ctx, addresses, posterSource(null))}
<p>${ctx.t('join.words')}</p>
<section aria-labelledby="posters-title">
  <h2 id="posters-title">${ctx.t('join.posters')}</h2>
  <p>${ctx.t('join.posters_text')}</p>
  <ul class="columns">${[null, ...neighbourhoods].map(
    (n) => html`<li><a href="${ctx.href(n ? `/join/poster?from=${n.id}` : '/join/poster')}">${n ? n.name : ctx.t('join.poster_any')}</a></li>`,
  )}</ul>
</section>`,
    );
  });

  routes.page('/join/poster', 'public', (ctx, { query }) => {
    const city = ctx.app.settings.city;
    // Only a neighbourhood of the city names a poster: anything else is the city-wide one.
    const neighbourhood = city.neighbourhoods.find((n) => n.id === query.from) ?? null;
    return page(
      ctx.t('poster.title', { city: city.name }),
      html`<div class="poster">
<p class="lead">${ctx.t('poster.text', { city: city.name })}</p>
${neighbourhood ? html`<p>${ctx.t('poster.neighbourhood', { name: neighbourhood.name })}</p>` : ''}
${joinList(ctx, ctx.deps.joinAddresses(), posterSource(neighbourhood?.id ?? null))}
<p>${ctx.t('poster.privacy')}</p>
</div>`,
    );
  });
}

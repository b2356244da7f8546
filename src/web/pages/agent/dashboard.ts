import { counted } from '../../../domain/text';
import { FAILURE_DAYS, readDashboard } from '../../../reporting/dashboard';
import { dataTable } from '../../components';
import { breakdownTables } from '../../figures';
import { html } from '../../html';
import { page, type PageContext, type WebRoutes } from '../../web-routes';

/** Every agent may leave the dashboard open: its figures are read at most every few seconds. */
const DASHBOARD_TTL_MS = 5_000;

function channelName(ctx: PageContext, channel: string): string {
  return ctx.say({ key: `common:channel.${channel}` });
}

/** The agents' dashboard: people and volunteers beside the city, today's messages, failures, what waits. */
export function dashboardPage(routes: WebRoutes): void {
  routes.page('/agent', 'agent', (ctx) => {
    // Figures only (no form, nobody's name): read and drawn once every few seconds per language.
    const body = ctx.cached(`dashboard:${ctx.language}`, DASHBOARD_TTL_MS, () => {
      const view = readDashboard(ctx.app.store, ctx.app.settings.city, ctx.now);
      return html`<p class="hint">${ctx.t('dashboard.as_of', { when: ctx.shortDateTime(view.asOf) })}</p>
<ul class="figures">
  <li><strong>${ctx.number(view.people)}</strong> ${ctx.t('dashboard.people', { count: view.people })}</li>
  <li><strong>${ctx.number(view.volunteers)}</strong> ${ctx.t('dashboard.volunteers', { count: view.volunteers })}</li>
  <li><strong>${ctx.number(view.optedOut)}</strong> ${ctx.t('dashboard.opted_out', { count: view.optedOut })}</li>
  <li><strong>${ctx.number(view.smsSegmentsThisMonth)}</strong> ${ctx.t('dashboard.sms_segments', { count: view.smsSegmentsThisMonth })}</li>
</ul>
<section aria-labelledby="today-title"><h2 id="today-title">${ctx.t('dashboard.today')}</h2>
${
  view.today.length === 0
    ? html`<p>${ctx.t('dashboard.no_messages')}</p>`
    : dataTable(
        ctx.t('dashboard.today_caption'),
        [ctx.t('dashboard.channel'), ctx.t('dashboard.received'), ctx.t('dashboard.sent'), ctx.t('dashboard.failed')],
        view.today.map((d) => [channelName(ctx, d.channel), ctx.number(d.received), ctx.number(d.sent), ctx.number(d.failed)]),
        { numeric: [1, 2, 3] },
      )
}</section>
<section aria-labelledby="failures-title"><h2 id="failures-title">${ctx.t('dashboard.failures', { days: counted('days', FAILURE_DAYS) })}</h2>
${
  view.failures.length === 0
    ? html`<p>${ctx.t('dashboard.no_failures')}</p>`
    : dataTable(
        ctx.t('dashboard.failures_caption', { days: counted('days', FAILURE_DAYS) }),
        [ctx.t('dashboard.reason'), ctx.t('dashboard.channel'), ctx.t('dashboard.count'), ctx.t('dashboard.last')],
        view.failures.map((f) => [f.reason, channelName(ctx, f.channel), ctx.number(f.count), ctx.shortDateTime(f.last)]),
        { numeric: [2] },
      )
}
<p class="hint">${ctx.t('dashboard.failures_hint')}</p></section>
<section aria-labelledby="waiting-title"><h2 id="waiting-title">${ctx.t('dashboard.waiting')}</h2>
${
  view.waiting.length === 0
    ? html`<p>${ctx.t('dashboard.nothing_waiting')}</p>`
    : dataTable(
        ctx.t('dashboard.waiting_caption'),
        [ctx.t('dashboard.channel'), ctx.t('dashboard.kind'), ctx.t('dashboard.count'), ctx.t('dashboard.due'), ctx.t('dashboard.next')],
        view.waiting.map((w) => [channelName(ctx, w.channel), ctx.t(`dashboard.kind_${w.kind}`), ctx.number(w.count), ctx.number(w.due), ctx.shortDateTime(w.next)]),
        { numeric: [2, 3] },
      )
}</section>
<section aria-labelledby="volunteers-title"><h2 id="volunteers-title">${ctx.t('dashboard.by_category')}</h2>
${ctx.app.settings.city.population ? '' : html`<p class="hint">${ctx.t('dashboard.no_population')}</p>`}
${breakdownTables(ctx, view.breakdowns)}</section>`;
    });
    return page(ctx.t('dashboard.title'), body);
  });
}

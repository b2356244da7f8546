import { publishedIdeas } from '../../../ideas/published-ideas';
import { neighbourhoodLabel } from '../../../domain/person-label';
import { html } from '../../html';
import { page, type WebRoutes } from '../../web-routes';

/** Supports change often, but a minute late is fine for the public. */
const IDEAS_TTL_MS = 60_000;

/** The public page of ideas: published ideas with their support counts, by call for ideas. */
export function ideaPages(routes: WebRoutes): void {
  routes.page('/ideas', 'public', (ctx) => {
    const view = ctx.cached('published_ideas', IDEAS_TTL_MS, () => publishedIdeas(ctx.app.store, ctx.now));
    const city = ctx.app.settings.city;
    const theme = (call: { theme: Parameters<typeof ctx.agentText>[0] | null }) => (call.theme ? ctx.agentText(call.theme) : null);
    return page(
      ctx.t('ideas.title'),
      html`<p class="lead">${ctx.t('ideas.intro')}</p>
<p>${
        view.open
          ? ctx.t('ideas.call_open', { until: ctx.dateTime(view.open.closesAt), theme: theme(view.open) ?? ctx.t('ideas.any_theme') })
          : view.next
            ? ctx.t('ideas.call_next', { from: ctx.dateTime(view.next.opensAt) })
            : ctx.t('ideas.no_call')
      } <a href="${ctx.href('/join')}">${ctx.t('consultations.how_to_join')}</a></p>
${view.calls.length === 0 ? html`<p>${ctx.t('ideas.none')}</p>` : ''}
${view.calls.map(
  ({ call, ideas }) => html`<section class="idea-call">
  <h2>${theme(call) ?? ctx.t('ideas.call_heading', { from: ctx.dateTime(call.opensAt) })}</h2>
  <ol class="cards">${ideas.map(
    (idea) => html`<li class="card">
    <h3>${idea.title}</h3>
    <p>${idea.body}</p>
    <p class="meta">${idea.neighbourhood ? html`${ctx.say(neighbourhoodLabel(idea.neighbourhood, city))} · ` : ''}<strong>${ctx.t('ideas.supporters', { count: idea.supporters })}</strong></p>
  </li>`,
  )}</ol>
</section>`,
)}`,
    );
  });
}

import { listAudit } from '../../../audit/list-audit';
import { neighbourhoodLabel } from '../../../domain/person-label';
import { messagesTo } from '../../../outbox/list-messages';
import { dataTable } from '../../components';
import { html } from '../../html';
import { notFound, page, type PageContext, type WebRoutes } from '../../web-routes';

/** How many of their own recorded actions a mediator sees. */
const OWN_ACTIONS_SHOWN = 50;

function mediatorId(ctx: PageContext): number | null {
  return ctx.session?.roles.includes('mediator') ? ctx.session.personId : null;
}

/**
 * A mediator's own pages: the people they support, their answers to the sessions to come, what
 * was sent to each of them, and what the mediator did for them. Nothing about anyone else.
 */
export function mediatorPages(routes: WebRoutes): void {
  routes.page('/mediator', 'staff', (ctx) => {
    const self = mediatorId(ctx);
    if (self === null) return page(ctx.t('mediator.title'), html`<p>${ctx.t('mediator.not_mediator')}</p>`, 403);
    const { store, settings } = ctx.app;
    const people = store.mediation.supportedBy(self);
    const sessions = store.sessions.list(ctx.now, false).slice(0, 3);
    const actions = listAudit(store, { mediatorId: self }, OWN_ACTIONS_SHOWN).reverse();
    return page(
      ctx.t('mediator.title'),
      html`<p class="lead">${ctx.t('mediator.intro')}</p>
${
  people.length === 0
    ? html`<p>${ctx.t('mediator.nobody')}</p>`
    : dataTable(
        ctx.t('mediator.people_caption', { count: people.length }),
        [ctx.t('people.person'), ctx.t('people.neighbourhood'), ...sessions.map((s) => ctx.t('mediator.session_answer', { title: ctx.agentText(s.title), when: ctx.shortDateTime(s.startsAt) }))],
        people.map((p) => {
          const answers = store.sessions.answersOf(p.id);
          return [
            html`<a href="${ctx.href(`/mediator/people/${p.id}`)}">${p.firstName ?? ctx.t('people.number', { id: p.id })}</a>`,
            p.neighbourhood ? ctx.say(neighbourhoodLabel(p.neighbourhood, settings.city)) : '—',
            ...sessions.map((s) => {
              const answer = answers.get(s.id);
              return answer ? ctx.t(`sessions.answer_${answer}`) : ctx.t('mediator.no_answer');
            }),
          ];
        }),
      )
}
<h2>${ctx.t('mediator.own_actions')}</h2>
${
  actions.length === 0
    ? html`<p>${ctx.t('people.no_audit')}</p>`
    : dataTable(
        ctx.t('mediator.actions_caption'),
        [ctx.t('audit.at'), ctx.t('audit.action'), ctx.t('audit.for'), ctx.t('audit.via')],
        actions.map((e) => [ctx.shortDateTime(e.at), ctx.say({ key: `audit:action.${e.action}` }), e.subject_id === null ? '—' : ctx.t('people.number', { id: e.subject_id }), e.via]),
      )
}`,
    );
  });

  routes.page('/mediator/people/:id', 'staff', (ctx, { params }) => {
    const self = mediatorId(ctx);
    const id = /^\d+$/.test(params.id ?? '') ? Number(params.id) : null;
    // Only the people this mediator supports: anyone else is "not found", whoever they are.
    if (self === null || id === null || !ctx.app.store.mediation.supports(self, id)) return notFound;
    const person = ctx.app.store.people.find(id);
    if (!person) return notFound;
    const messages = messagesTo(ctx.app.store, ctx.app.translator, id).reverse();
    return page(
      person.profile?.firstName ?? ctx.t('people.number', { id }),
      html`<h2>${ctx.t('people.messages')}</h2>
${
  messages.length === 0
    ? html`<p>${ctx.t('mediator.no_messages')}</p>`
    : dataTable(
        ctx.t('people.messages_caption'),
        [ctx.t('people.message_created'), ctx.t('people.message_to'), ctx.t('people.message_status'), ctx.t('people.message_text')],
        messages.map((m) => [ctx.shortDateTime(m.created_at), ctx.say({ key: `common:channel.${m.channel}` }), ctx.say({ key: `cli:outbox.status.${m.status}` }), html`<span class="message-text">${m.removed ? ctx.say({ key: `cli:outbox.redacted.${m.removed}` }) : m.text}</span>`]),
      )
}
<p class="hint">${ctx.t('mediator.digest_hint')}</p>
<p><a href="${ctx.href('/mediator')}">${ctx.t('mediator.back')}</a></p>`,
    );
  });
}

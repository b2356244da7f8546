import { listAudit } from '../../../audit/list-audit';
import { STAFF_ACTIONS } from '../../../domain/audit';
import { dataTable, selectField, textField } from '../../components';
import { html } from '../../html';
import { page, type PageContext, type WebRoutes } from '../../web-routes';

/** Events per page. */
const PAGE_SIZE = 100;

/** Actions recorded for people by mediators besides staff actions: every effect a mediator can apply for someone. */
const FOR_PERSON_ACTIONS = ['set_language', 'register_volunteer', 'update_profile', 'withdraw_volunteer', 'opt_out', 'opt_in', 'erase_person', 'answer_session', 'give_consent', 'submit_idea', 'support_idea', 'withdraw_idea_support', 'cast_ballot'];

const number = (value: string | undefined) => (/^\d+$/.test(value ?? '') ? Number(value) : undefined);

/** A filter as a query string, for the next page's link. */
function queryOf(filter: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(filter).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&');
}

function actorWords(ctx: PageContext, actorId: number | null, via: string, organisation: string | null): string {
  const who = actorId === null ? (via === 'cli' ? ctx.t('audit.admin') : ctx.t('audit.gone')) : ctx.t('people.number', { id: actorId });
  return organisation ? `${who} (${organisation})` : who;
}

/** The audit, with filters: whom it was about, who acted, what was done. Numbers only in the address, never names. */
export function auditPage(routes: WebRoutes): void {
  routes.page('/agent/audit', 'agent', (ctx, { query }) => {
    const actions = [...STAFF_ACTIONS, ...FOR_PERSON_ACTIONS];
    const filter = {
      person: number(query.person),
      actor: number(query.actor),
      action: actions.includes(query.action ?? '') ? query.action : undefined,
      before: number(query.before),
    };
    const events = listAudit(
      ctx.app.store,
      {
        ...(filter.person !== undefined ? { personId: filter.person } : {}),
        ...(filter.actor !== undefined ? { mediatorId: filter.actor } : {}),
        ...(filter.action !== undefined ? { action: filter.action } : {}),
        ...(filter.before !== undefined ? { beforeId: filter.before } : {}),
      },
      PAGE_SIZE,
    ).reverse();
    const oldest = events.at(-1);
    return page(
      ctx.t('audit.title'),
      html`<form method="get" action="${ctx.href('/agent/audit')}" class="filters">
${textField({ name: 'person', type: 'number', label: ctx.t('audit.filter_person'), value: filter.person === undefined ? '' : String(filter.person) })}
${textField({ name: 'actor', type: 'number', label: ctx.t('audit.filter_actor'), value: filter.actor === undefined ? '' : String(filter.actor) })}
${selectField({ name: 'action', label: ctx.t('audit.filter_action'), value: filter.action ?? '', choices: [{ value: '', label: ctx.t('audit.any_action') }, ...actions.map((a) => ({ value: a, label: ctx.say({ key: `audit:action.${a}` }) }))] })}
<button type="submit">${ctx.t('audit.filter')}</button> <a href="${ctx.href('/agent/audit')}">${ctx.t('audit.clear')}</a>
</form>
${
  events.length === 0
    ? html`<p role="status">${ctx.t('audit.none')}</p>`
    : dataTable(
        ctx.t('audit.caption', { count: events.length }),
        [ctx.t('audit.at'), ctx.t('audit.action'), ctx.t('audit.by'), ctx.t('audit.for'), ctx.t('audit.via'), ctx.t('audit.detail')],
        events.map((e) => [
          ctx.shortDateTime(e.at),
          ctx.say({ key: `audit:action.${e.action}` }),
          actorWords(ctx, e.actor_id, e.via, e.actor_organisation),
          e.subject_id === null ? '—' : html`<a href="${ctx.href(`/agent/people/${e.subject_id}`)}">${ctx.t('people.number', { id: e.subject_id })}</a>`,
          e.via,
          Object.entries(e.detail)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(' '),
        ]),
      )
}
${oldest && events.length === PAGE_SIZE ? html`<p><a href="${ctx.href(`/agent/audit?${queryOf({ ...filter, before: oldest.id })}`)}">${ctx.t('audit.older')}</a></p>` : ''}`,
    );
  });
}

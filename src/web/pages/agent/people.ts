import { counted } from '../../../domain/text';
import { neighbourhoodLabel } from '../../../domain/person-label';
import { GRANTABLE_ROLES, isGrantableRole } from '../../../domain/role';
import { assignMediator, unassignMediator, type SupportChange } from '../../../mediation/mediator-supports';
import { findPeople, SEARCH_LIMIT, type PersonMatch } from '../../../people/find-people';
import { personOverview, type PersonOverview } from '../../../people/person-overview';
import { erasePerson } from '../../../privacy/erase-person';
import { exportPerson } from '../../../privacy/export-person';
import { grantRole, revokeRole, roleOrganisation } from '../../../roles/manage-roles';
import { inTransaction } from '../../../store/database';
import { webActor } from '../../../web-access/web-sessions';
import { act } from '../../act';
import { buttonForm, csrfField, dataTable, problemSummary, selectField, textField } from '../../components';
import { profileValue } from '../../figures';
import { html, type SafeHtml } from '../../html';
import { notFound, page, redirect, type PageContext, type Reply, type WebRoutes } from '../../web-routes';

function personId(id: string | undefined): number | null {
  return /^\d+$/.test(id ?? '') ? Number(id) : null;
}

/** A person's name as agents see it: their first name or pseudonym, else their number. */
function personName(ctx: PageContext, firstName: string | null, id: number): string {
  return firstName ?? ctx.t('people.number', { id });
}

function roleName(ctx: PageContext, role: string): string {
  return ctx.say({ key: `agent:role.${role}` });
}

/** The search form; a search goes by POST, so that names and numbers never appear in an address. */
function searchForm(ctx: PageContext, query: string, problem?: string): SafeHtml {
  return html`<form method="post" action="${ctx.href('/agent/people/search')}" role="search">${csrfField(ctx)}
${textField({ name: 'query', type: 'search', label: ctx.t('people.search_label'), hint: ctx.t('people.search_hint'), value: query, problem, autocomplete: 'off' })}
<button type="submit">${ctx.t('people.search')}</button></form>`;
}

function matchesTable(ctx: PageContext, matches: readonly PersonMatch[]): SafeHtml {
  const city = ctx.app.settings.city;
  return dataTable(
    ctx.t('people.results_caption', { count: matches.length }),
    [ctx.t('people.person'), ctx.t('people.neighbourhood'), ctx.t('people.status'), ctx.t('people.roles')],
    matches.map((m) => [
      html`<a href="${ctx.href(`/agent/people/${m.id}`)}">${personName(ctx, m.firstName, m.id)}</a> <span class="meta">${ctx.t('people.number', { id: m.id })}</span>`,
      m.neighbourhood ? ctx.say(neighbourhoodLabel(m.neighbourhood, city)) : '—',
      ctx.t(`people.volunteer_${m.volunteerStatus}`),
      m.roles.filter((r) => r !== 'resident').map((r) => roleName(ctx, r)).join(', ') || '—',
    ]),
  );
}

/** The staff: everyone holding a role, to find a mediator or an agent quickly. */
function staffTable(ctx: PageContext): SafeHtml {
  const holders = ctx.app.store.people.roleHolders([...GRANTABLE_ROLES]);
  if (holders.length === 0) return html`<p>${ctx.t('people.no_staff')}</p>`;
  return dataTable(
    ctx.t('people.staff_caption'),
    [ctx.t('people.person'), ctx.t('people.role'), ctx.t('people.organisation'), ctx.t('people.since')],
    holders.map((h) => [html`<a href="${ctx.href(`/agent/people/${h.personId}`)}">${personName(ctx, h.firstName, h.personId)}</a>`, roleName(ctx, h.role), h.organisation ?? '—', ctx.shortDateTime(h.grantedAt)]),
  );
}

function peoplePage(ctx: PageContext, search: SafeHtml, results: SafeHtml | '' = '', status = 200): Reply {
  return page(
    ctx.t('people.title'),
    html`${search}${results}<section aria-labelledby="staff-title"><h2 id="staff-title">${ctx.t('people.staff')}</h2>${staffTable(ctx)}</section>`,
    status,
  );
}

/** What agents may change about a person: roles (with an organisation for mediators) and mediators. */
function staffForms(ctx: PageContext, view: PersonOverview, problem?: string): SafeHtml {
  const id = view.person.id;
  const mediators = ctx.app.store.people.roleHolders(['mediator']).filter((m) => m.personId !== id && !view.mediators.some((v) => v.mediatorId === m.personId));
  return html`<section aria-labelledby="roles-title"><h2 id="roles-title">${ctx.t('people.roles')}</h2>
${problem ? problemSummary(ctx, [{ field: 'organisation', message: problem }]) : ''}
${
  view.roles.length === 0
    ? html`<p>${ctx.t('people.no_roles')}</p>`
    : html`<ul>${view.roles.map(
        (r) => html`<li>${roleName(ctx, r.role)}${r.organisation ? ` (${r.organisation})` : ''} ${isGrantableRole(r.role) ? buttonForm(ctx, `/agent/people/${id}/roles/revoke`, ctx.t('people.revoke', { role: roleName(ctx, r.role) }), { hidden: { role: r.role } }) : ''}</li>`,
      )}</ul>`
}
<form method="post" action="${ctx.href(`/agent/people/${id}/roles`)}">${csrfField(ctx)}
${selectField({ name: 'role', label: ctx.t('people.grant_role'), choices: GRANTABLE_ROLES.map((role) => ({ value: role, label: roleName(ctx, role) })) })}
${textField({ name: 'organisation', label: ctx.t('people.organisation'), hint: ctx.t('people.organisation_hint'), problem })}
<button type="submit">${ctx.t('people.grant')}</button></form>
</section>
<section aria-labelledby="mediators-title"><h2 id="mediators-title">${ctx.t('people.mediators')}</h2>
${
  view.mediators.length === 0
    ? html`<p>${ctx.t('people.no_mediators')}</p>`
    : html`<ul>${view.mediators.map(
        (m) => html`<li><a href="${ctx.href(`/agent/people/${m.mediatorId}`)}">${ctx.t('people.number', { id: m.mediatorId })}</a>${m.organisation ? ` (${m.organisation})` : ''}, ${ctx.t(`people.via_${m.via}`)} ${buttonForm(ctx, `/agent/people/${id}/mediators/unassign`, ctx.t('people.unassign'), { hidden: { mediator: String(m.mediatorId) } })}</li>`,
      )}</ul>`
}
${
  mediators.length > 0
    ? html`<form method="post" action="${ctx.href(`/agent/people/${id}/mediators`)}">${csrfField(ctx)}
${selectField({ name: 'mediator', label: ctx.t('people.assign_label'), choices: mediators.map((m) => ({ value: String(m.personId), label: `${personName(ctx, m.firstName, m.personId)}${m.organisation ? ` (${m.organisation})` : ''}` })) })}
<button type="submit">${ctx.t('people.assign')}</button></form>`
    : ''
}
${view.supports.length > 0 ? html`<h3>${ctx.t('people.supports')}</h3><ul>${view.supports.map((p) => html`<li><a href="${ctx.href(`/agent/people/${p.id}`)}">${personName(ctx, p.firstName, p.id)}</a></li>`)}</ul>` : ''}
</section>`;
}

function personPage(ctx: PageContext, view: PersonOverview, problem?: string): Reply {
  const { person } = view;
  const city = ctx.app.settings.city;
  const profile = person.profile;
  return page(
    personName(ctx, profile?.firstName ?? null, person.id),
    html`<dl class="facts">
  <dt>${ctx.t('people.number_label')}</dt><dd>${person.id}</dd>
  <dt>${ctx.t('people.status')}</dt><dd>${ctx.t(`people.volunteer_${person.volunteerStatus}`)}</dd>
  ${profile ? html`<dt>${ctx.t('people.neighbourhood')}</dt><dd>${ctx.say(neighbourhoodLabel(profile.neighbourhood, city))}</dd>
  <dt>${ctx.t('figures.field.age_bracket')}</dt><dd>${profileValue(ctx, 'age_bracket', profile.ageBracket, city)}</dd>
  <dt>${ctx.t('figures.field.gender')}</dt><dd>${profileValue(ctx, 'gender', profile.gender, city)}</dd>
  <dt>${ctx.t('figures.field.equipment')}</dt><dd>${profileValue(ctx, 'equipment', profile.equipment, city)}</dd>` : ''}
  <dt>${ctx.t('people.language')}</dt><dd>${person.language ? ctx.say({ key: `common:language_name.${person.language}` }) : '—'}</dd>
  <dt>${ctx.t('people.messages_state')}</dt><dd>${person.optedOutAt ? ctx.t('people.opted_out', { when: ctx.shortDateTime(person.optedOutAt) }) : ctx.t('people.receives')}</dd>
  <dt>${ctx.t('people.contacts')}</dt><dd>${view.contacts.length === 0 ? '—' : html`<ul>${view.contacts.map((c) => html`<li>${ctx.say({ key: `common:channel.${c.channel}` })} : ${c.address}${c.unreachableAt ? html` <span class="meta">${ctx.t('people.unreachable')}</span>` : ''}</li>`)}</ul>`}</dd>
</dl>
<p>${buttonForm(ctx, `/agent/people/${person.id}/export`, ctx.t('people.export'))} <a class="button danger" href="${ctx.href(`/agent/people/${person.id}/erase`)}">${ctx.t('people.erase')}</a></p>
${staffForms(ctx, view, problem)}
<section aria-labelledby="messages-title"><h2 id="messages-title">${ctx.t('people.messages')}</h2>
${
  view.messages.length === 0
    ? html`<p>${ctx.t('people.no_messages')}</p>`
    : dataTable(
        ctx.t('people.messages_caption'),
        [ctx.t('people.message_created'), ctx.t('people.message_to'), ctx.t('people.message_kind'), ctx.t('people.message_status'), ctx.t('people.message_sent'), ctx.t('people.message_text')],
        [...view.messages].reverse().map((m) => [
          ctx.shortDateTime(m.created_at),
          ctx.say({ key: `common:channel.${m.channel}` }),
          ctx.say({ key: `cli:outbox.kind.${m.kind}` }),
          html`${ctx.say({ key: `cli:outbox.status.${m.status}` })}${m.error ? html`<br><span class="meta">${m.error}</span>` : ''}`,
          m.sent_at ? ctx.shortDateTime(m.sent_at) : '—',
          html`<span class="message-text">${m.removed ? ctx.say({ key: `cli:outbox.redacted.${m.removed}` }) : m.text}</span>`,
        ]),
      )
}</section>
<section aria-labelledby="audit-title"><h2 id="audit-title">${ctx.t('people.audit')}</h2>
${
  view.audit.length === 0
    ? html`<p>${ctx.t('people.no_audit')}</p>`
    : dataTable(
        ctx.t('people.audit_caption'),
        [ctx.t('audit.at'), ctx.t('audit.action'), ctx.t('audit.by'), ctx.t('audit.via')],
        view.audit.map((e) => [ctx.shortDateTime(e.at), ctx.say({ key: `audit:action.${e.action}` }), e.actor_id === null ? ctx.t('audit.admin') : ctx.t('people.number', { id: e.actor_id }), e.via]),
      )
}</section>`,
    problem ? 422 : 200,
  );
}

/** The back-office pages about people: find someone, see what was sent to them, export or erase, roles and mediators. */
export function peoplePages(routes: WebRoutes): void {
  routes.page('/agent/people', 'agent', (ctx) => peoplePage(ctx, searchForm(ctx, '')));

  routes.form('/agent/people/search', 'agent', (ctx, { form }) => {
    const query = form.get('query');
    if (query.trim() === '') return peoplePage(ctx, searchForm(ctx, query, ctx.t('people.search_empty')), '', 422);
    const matches = findPeople(ctx.app.store, query, ctx.app.settings.city.country);
    const results =
      matches.length === 0
        ? html`<p role="status">${ctx.t('people.none_found')}</p>`
        : html`${matchesTable(ctx, matches)}${matches.length >= SEARCH_LIMIT ? html`<p>${ctx.t('people.more', { people: counted('people', SEARCH_LIMIT) })}</p>` : ''}`;
    return peoplePage(ctx, searchForm(ctx, query), results);
  });

  const withPerson = (ctx: PageContext, id: string | undefined, then: (view: PersonOverview) => Reply): Reply => {
    const found = personId(id);
    const view = found === null ? null : personOverview(ctx.app.store, ctx.app.translator, found);
    return view ? then(view) : notFound;
  };

  routes.page('/agent/people/:id', 'agent', (ctx, { params }) => withPerson(ctx, params.id, (view) => personPage(ctx, view)));

  routes.form('/agent/people/:id/export', 'agent', (ctx, { params }) =>
    withPerson(ctx, params.id, ({ person }) => {
      const document = act(ctx, 'person_exported', () => exportPerson(ctx.app.store, person.id), () => ({ subject: person.id }));
      return { kind: 'file', type: 'application/json; charset=utf-8', filename: `person-${person.id}.json`, body: `${JSON.stringify(document, null, 2)}\n` };
    }),
  );

  routes.page('/agent/people/:id/erase', 'agent', (ctx, { params }) =>
    withPerson(ctx, params.id, ({ person }) =>
      page(
        ctx.t('people.erase_title', { name: personName(ctx, person.profile?.firstName ?? null, person.id) }),
        html`<p>${ctx.t('people.erase_what')}</p><p><strong>${ctx.t('people.erase_final')}</strong></p>
${buttonForm(ctx, `/agent/people/${person.id}/erase`, ctx.t('people.erase_button'), { danger: true })}
<p><a href="${ctx.href(`/agent/people/${person.id}`)}">${ctx.t('form.keep')}</a></p>`,
      ),
    ),
  );

  routes.form('/agent/people/:id/erase', 'agent', (ctx, { params }) =>
    withPerson(ctx, params.id, ({ person }) => {
      // Recorded without its subject: the person is gone, the record that an agent erased someone stays.
      act(ctx, 'person_erased', () => erasePerson(ctx.app.store, person.id, ctx.now), () => ({ subject: null }));
      ctx.app.logger.info('person_erased', { by: 'web' });
      return redirect('/agent/people?done=person_erased');
    }),
  );

  routes.form('/agent/people/:id/roles', 'agent', (ctx, { params, form }) =>
    withPerson(ctx, params.id, (view) => {
      const role = form.get('role');
      if (!isGrantableRole(role)) return notFound;
      const given = roleOrganisation(role, form.get('organisation'));
      if (!given) return personPage(ctx, view, ctx.t('people.needs_organisation'));
      const session = ctx.session;
      const granted = session !== null && inTransaction(ctx.app.store.db, () => grantRole(ctx.app.store, view.person.id, role, given.organisation, webActor(session.personId), ctx.now));
      return redirect(`/agent/people/${view.person.id}?done=${granted ? 'role_granted' : 'role_held_already'}`);
    }),
  );

  routes.form('/agent/people/:id/roles/revoke', 'agent', (ctx, { params, form }) =>
    withPerson(ctx, params.id, ({ person }) => {
      const role = form.get('role');
      const session = ctx.session;
      if (!isGrantableRole(role) || !session) return notFound;
      const revoked = inTransaction(ctx.app.store.db, () => revokeRole(ctx.app.store, person.id, role, webActor(session.personId), ctx.now));
      return redirect(`/agent/people/${person.id}?done=${revoked ? 'role_revoked' : 'role_not_held'}`);
    }),
  );

  const support = (change: typeof assignMediator, done: string) => (ctx: PageContext, id: string | undefined, mediator: string): Reply =>
    withPerson(ctx, id, ({ person }) => {
      const mediatorId = personId(mediator);
      const session = ctx.session;
      if (mediatorId === null || !session) return notFound;
      const result: SupportChange = change(ctx.app.store, mediatorId, person.id, webActor(session.personId), ctx.now);
      const outcome = 'problem' in result ? `mediator_${result.problem}` : result.changed ? done : 'mediator_unchanged';
      return redirect(`/agent/people/${person.id}?done=${outcome}&n=${mediatorId}`);
    });
  routes.form('/agent/people/:id/mediators', 'agent', (ctx, { params, form }) => support(assignMediator, 'mediator_assigned')(ctx, params.id, form.get('mediator')));
  routes.form('/agent/people/:id/mediators/unassign', 'agent', (ctx, { params, form }) => support(unassignMediator, 'mediator_unassigned')(ctx, params.id, form.get('mediator')));
}

import { SUPPORTED_LANGUAGES } from '../../../domain/language';
import type { AssemblySession } from '../../../domain/assembly-session';
import { formatReminderOffsets } from '../../../lib/reminder-offsets';
import { addSession, cancelSession, editSession } from '../../../sessions/manage-sessions';
import { readSessionFields, type SessionFields, type SessionProblem } from '../../../sessions/session-input';
import { listSessionOverviews, sessionOverview } from '../../../sessions/session-overview';
import { act } from '../../act';
import { buttonForm, csrfField, dataTable, checkbox, problemSummary, textArea, textField, timeProblemWords } from '../../components';
import { html, type SafeHtml } from '../../html';
import { notFound, page, redirect, type FormFields, type PageContext, type Reply, type WebRoutes } from '../../web-routes';

/** A `datetime-local` field's value for an instant, on the city's clock. */
function localInput(ctx: PageContext, iso: string | undefined): string {
  return iso ? ctx.shortDateTime(iso).replace(' ', 'T') : '';
}

/** The fields as posted. */
function postedFields(form: FormFields): SessionFields {
  const perLanguage = (name: string) => Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, form.get(`${name}_${language}`)]));
  return { title: perLanguage('title'), description: perLanguage('description'), start: form.get('start'), end: form.get('end'), place: form.get('place'), reminders: form.get('reminders'), past: form.get('past') === 'on' };
}

/** A problem in the agent's words, by the field it is about. */
function problemWords(ctx: PageContext, problem: SessionProblem): { field: string; message: string } {
  switch (problem.problem) {
    case 'missing':
      return { field: problem.field, message: ctx.t(`sessions.missing.${problem.field.startsWith('title_') ? 'title' : problem.field}`, { language: ctx.say({ key: `common:language_name.${problem.field.slice(6)}` }) }) };
    case 'bad_time':
    case 'skipped_time':
    case 'twice':
      return { field: problem.field, message: timeProblemWords(ctx, problem.value, problem) };
    case 'start_past':
      return { field: problem.field, message: ctx.t('sessions.start_past', { when: ctx.dateTime(problem.when) }) };
    case 'end_before_start':
      return { field: problem.field, message: ctx.t('sessions.end_before_start') };
    case 'bad_reminders':
      return { field: problem.field, message: ctx.t('sessions.bad_reminders', { value: problem.value }) };
  }
}

/** The form to add or edit a session, with what was typed and the problems found beside each field. */
function sessionForm(ctx: PageContext, action: string, values: SessionFields, problems: readonly SessionProblem[], submit: string): SafeHtml {
  const worded = problems.map((p) => problemWords(ctx, p));
  const problemOf = (field: string) => worded.find((p) => p.field === field)?.message;
  const defaultLanguage = ctx.app.settings.defaultLanguage;
  const languageName = (language: string) => ctx.say({ key: `common:language_name.${language}` });
  return html`${problemSummary(ctx, worded)}
<form method="post" action="${ctx.href(action)}" novalidate>
${csrfField(ctx)}
<fieldset><legend>${ctx.t('sessions.texts')}</legend>
${SUPPORTED_LANGUAGES.map(
  (language) => html`${textField({ name: `title_${language}`, label: ctx.t('sessions.title_in', { language: languageName(language) }), value: values.title?.[language] ?? '', problem: problemOf(`title_${language}`), required: language === defaultLanguage, lang: language, maxlength: 120 })}
${textArea({ name: `description_${language}`, label: ctx.t('sessions.description_in', { language: languageName(language) }), value: values.description?.[language] ?? '', lang: language, rows: 3 })}`,
)}
</fieldset>
<fieldset><legend>${ctx.t('sessions.when_where')}</legend>
${textField({ name: 'start', type: 'datetime-local', label: ctx.t('sessions.start'), hint: ctx.t('form.time_hint', { zone: ctx.app.settings.city.timeZone }), value: values.start ?? '', problem: problemOf('start'), required: true })}
${textField({ name: 'end', type: 'datetime-local', label: ctx.t('sessions.end'), value: values.end ?? '', problem: problemOf('end'), required: true })}
${textField({ name: 'place', label: ctx.t('sessions.place'), hint: ctx.t('sessions.place_hint'), value: values.place ?? '', problem: problemOf('place'), required: true, autocomplete: 'street-address' })}
${textField({ name: 'reminders', label: ctx.t('sessions.reminders'), hint: ctx.t('sessions.reminders_hint', { default: formatReminderOffsets(ctx.app.settings.reminderOffsets) }), value: values.reminders ?? '', problem: problemOf('reminders') })}
${checkbox({ name: 'past', label: ctx.t('sessions.past'), checked: values.past === true })}
</fieldset>
<button type="submit">${submit}</button>
</form>`;
}

/** The fields of an existing session, as its edit form shows them. */
function fieldsOf(ctx: PageContext, session: AssemblySession): SessionFields {
  return {
    title: session.title,
    description: session.description ?? {},
    start: localInput(ctx, session.startsAt),
    end: localInput(ctx, session.endsAt),
    place: session.place,
    reminders: session.reminderOffsets ? formatReminderOffsets(session.reminderOffsets) : '',
  };
}

function findSession(ctx: PageContext, id: string | undefined): AssemblySession | null {
  return /^\d+$/.test(id ?? '') ? ctx.app.store.sessions.find(Number(id)) : null;
}

function answerCounts(ctx: PageContext, answers: Readonly<Record<'yes' | 'no' | 'maybe', number>>): string {
  return ctx.t('sessions.answers', answers);
}

/** The back-office pages of sessions: list, add, see one with its answers and reminders, edit, cancel. */
export function sessionPages(routes: WebRoutes): void {
  routes.page('/agent/sessions', 'agent', (ctx, { query }) => {
    const all = query.all === '1';
    const sessions = listSessionOverviews(ctx.app.store, all ? null : ctx.now, all);
    return page(
      ctx.t('sessions.title'),
      html`<p><a class="button" href="${ctx.href('/agent/sessions/new')}">${ctx.t('sessions.new')}</a>
<a href="${ctx.href(all ? '/agent/sessions' : '/agent/sessions?all=1')}">${all ? ctx.t('sessions.upcoming_only') : ctx.t('sessions.show_all')}</a></p>
${
  sessions.length === 0
    ? html`<p>${ctx.t('sessions.none')}</p>`
    : dataTable(
        all ? ctx.t('sessions.caption_all') : ctx.t('sessions.caption'),
        [ctx.t('sessions.session'), ctx.t('sessions.start'), ctx.t('sessions.place'), ctx.t('sessions.status'), ctx.t('sessions.answers_heading'), ctx.t('sessions.reminders_sent')],
        sessions.map((s) => [
          html`<a href="${ctx.href(`/agent/sessions/${s.id}`)}">${ctx.agentText(s.title)}</a>`,
          ctx.shortDateTime(s.startsAt),
          s.place,
          ctx.t(`sessions.status_${s.status}`),
          answerCounts(ctx, s.answers),
          ctx.t('sessions.reminders_count', { fired: s.reminders.filter((r) => r.status === 'fired').length, planned: s.reminders.length }),
        ]),
      )
}`,
    );
  });

  routes.page('/agent/sessions/new', 'agent', (ctx) => page(ctx.t('sessions.new'), sessionForm(ctx, '/agent/sessions', {}, [], ctx.t('sessions.add'))));

  routes.form('/agent/sessions', 'agent', (ctx, { form }) => {
    const { settings, store } = ctx.app;
    const fields = postedFields(form);
    const reading = readSessionFields(fields, null, settings.city.timeZone, settings.defaultLanguage, ctx.now);
    if (!reading.ok) return page(ctx.t('sessions.new'), sessionForm(ctx, '/agent/sessions', fields, reading.problems, ctx.t('sessions.add')), 422);
    const id = act(ctx, 'session_added', () => addSession(store, reading.changes, settings.reminderOffsets, ctx.now), (added) => ({ detail: { session_id: added } }));
    return redirect(`/agent/sessions/${id}?done=session_added&n=${id}`);
  });

  routes.page('/agent/sessions/:id', 'agent', (ctx, { params }) => {
    const session = findSession(ctx, params.id);
    if (!session) return notFound;
    const view = sessionOverview(ctx.app.store, session);
    const cancelled = view.status === 'cancelled';
    return page(
      ctx.agentText(view.title),
      html`<dl class="facts">
  <dt>${ctx.t('sessions.start')}</dt><dd>${ctx.dateTime(view.startsAt)}</dd>
  <dt>${ctx.t('sessions.end')}</dt><dd>${ctx.dateTime(view.endsAt)}</dd>
  <dt>${ctx.t('sessions.place')}</dt><dd>${view.place}</dd>
  <dt>${ctx.t('sessions.status')}</dt><dd>${ctx.t(`sessions.status_${view.status}`)}</dd>
  <dt>${ctx.t('sessions.answers_heading')}</dt><dd>${answerCounts(ctx, view.answers)}</dd>
</dl>
${cancelled ? '' : html`<p><a class="button" href="${ctx.href(`/agent/sessions/${view.id}/edit`)}">${ctx.t('sessions.edit')}</a> <a class="button danger" href="${ctx.href(`/agent/sessions/${view.id}/cancel`)}">${ctx.t('sessions.cancel')}</a></p>`}
<h2>${ctx.t('sessions.rsvps')}</h2>
${
  view.rsvps.length === 0
    ? html`<p>${ctx.t('sessions.no_rsvps')}</p>`
    : dataTable(
        ctx.t('sessions.rsvps_caption'),
        [ctx.t('sessions.person'), ctx.t('sessions.answer'), ctx.t('sessions.answered_at')],
        view.rsvps.map((r) => [html`<a href="${ctx.href(`/agent/people/${r.personId}`)}">${r.firstName ?? ctx.t('people.number', { id: r.personId })}</a>`, ctx.t(`sessions.answer_${r.answer}`), ctx.shortDateTime(r.answeredAt)]),
      )
}
<h2>${ctx.t('sessions.reminders')}</h2>
${
  view.reminders.length === 0
    ? html`<p>${ctx.t('sessions.no_reminders')}</p>`
    : dataTable(
        ctx.t('sessions.reminders_caption'),
        [ctx.t('sessions.reminder_offset'), ctx.t('sessions.reminder_due'), ctx.t('sessions.status'), ctx.t('sessions.reminder_recipients')],
        view.reminders.map((r) => [formatReminderOffsets([r.offsetMinutes]), ctx.shortDateTime(r.dueAt), ctx.t(`sessions.reminder_${r.status}`), r.recipients === null ? '—' : ctx.number(r.recipients)]),
      )
}
<p><a href="${ctx.href('/agent/sessions')}">${ctx.t('sessions.back')}</a></p>`,
    );
  });

  const editable = (ctx: PageContext, id: string | undefined, then: (session: AssemblySession) => Reply): Reply => {
    const session = findSession(ctx, id);
    if (!session) return notFound;
    if (session.status === 'cancelled') return redirect(`/agent/sessions/${session.id}?done=session_is_cancelled&n=${session.id}`);
    return then(session);
  };

  routes.page('/agent/sessions/:id/edit', 'agent', (ctx, { params }) =>
    editable(ctx, params.id, (session) => page(ctx.t('sessions.edit_title', { title: ctx.agentText(session.title) }), sessionForm(ctx, `/agent/sessions/${session.id}`, fieldsOf(ctx, session), [], ctx.t('sessions.save')))),
  );

  routes.form('/agent/sessions/:id', 'agent', (ctx, { params, form }) =>
    editable(ctx, params.id, (session) => {
      const { settings, store } = ctx.app;
      const fields = postedFields(form);
      const reading = readSessionFields(fields, session, settings.city.timeZone, settings.defaultLanguage, ctx.now);
      if (!reading.ok) return page(ctx.t('sessions.edit_title', { title: ctx.agentText(session.title) }), sessionForm(ctx, `/agent/sessions/${session.id}`, fields, reading.problems, ctx.t('sessions.save')), 422);
      act(ctx, 'session_edited', () => editSession(store, session.id, reading.changes, settings.reminderOffsets, ctx.now), () => ({ detail: { session_id: session.id } }));
      return redirect(`/agent/sessions/${session.id}?done=session_edited&n=${session.id}`);
    }),
  );

  routes.page('/agent/sessions/:id/cancel', 'agent', (ctx, { params }) =>
    editable(ctx, params.id, (session) => {
      const { answers } = sessionOverview(ctx.app.store, session);
      return page(
        ctx.t('sessions.cancel_title', { title: ctx.agentText(session.title) }),
        html`<p>${ctx.t('sessions.cancel_confirm', { when: ctx.dateTime(session.startsAt), count: answers.yes + answers.maybe })}</p>
${buttonForm(ctx, `/agent/sessions/${session.id}/cancel`, ctx.t('sessions.cancel_button'), { danger: true })}
<p><a href="${ctx.href(`/agent/sessions/${session.id}`)}">${ctx.t('form.keep')}</a></p>`,
      );
    }),
  );

  routes.form('/agent/sessions/:id/cancel', 'agent', (ctx, { params }) =>
    editable(ctx, params.id, (session) => {
      const told = act(ctx, 'session_cancelled', () => cancelSession(ctx.app.store, session.id, ctx.now), (count) => ({ detail: { session_id: session.id, told: count.direct, via_mediators: count.viaMediators } }));
      return redirect(`/agent/sessions/${session.id}?done=session_cancelled&n=${told.direct + told.viaMediators}`);
    }),
  );
}

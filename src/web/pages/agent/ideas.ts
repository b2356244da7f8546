import { SUPPORTED_LANGUAGES } from '../../../domain/language';
import { IDEA_STATUSES, type IdeaStatus } from '../../../domain/idea';
import { neighbourhoodLabel } from '../../../domain/person-label';
import { readIdeaCallFields, type IdeaCallFields, type IdeaCallProblem } from '../../../ideas/idea-call-input';
import { approveIdea, closeIdeaCall, mergeIdea, openIdeaCall, rejectIdea, type Decision, type ModerationProblem } from '../../../ideas/moderate-ideas';
import type { IdeaRecord } from '../../../store/ideas-repo';
import { act } from '../../act';
import { buttonForm, csrfField, dataTable, problemSummary, selectField, textArea, textField, timeProblemWords } from '../../components';
import { html, type SafeHtml } from '../../html';
import { notFound, page, redirect, type PageContext, type Reply, type WebRoutes } from '../../web-routes';

function findIdea(ctx: PageContext, id: string | undefined): IdeaRecord | null {
  return /^\d+$/.test(id ?? '') ? ctx.app.store.ideas.find(Number(id)) : null;
}

/** Where a decision leads: the idea, saying what was done (and whether its author was told), or why nothing was. */
function decided(id: number, result: Decision | ModerationProblem, done: string): Reply {
  if ('problem' in result) return redirect(`/agent/ideas/${id}?done=idea_${result.problem}&n=${result.id}`);
  return redirect(`/agent/ideas/${id}?done=${done}${result.throughMediators ? '_mediators' : result.told ? '' : '_untold'}&n=${id}`);
}

/** The form to reject an idea, with the reason to write (sent to its author). */
function rejectForm(ctx: PageContext, idea: IdeaRecord, problem?: string): SafeHtml {
  return html`<form method="post" action="${ctx.href(`/agent/ideas/${idea.id}/reject`)}">${csrfField(ctx)}
${textArea({ name: 'reason', label: ctx.t('agent_ideas.reason'), hint: ctx.t('agent_ideas.reason_hint'), problem, rows: 3, required: true })}
<button type="submit" class="danger">${ctx.t('agent_ideas.reject')}</button></form>`;
}

/** One idea, with what agents can do with it. */
function ideaPage(ctx: PageContext, idea: IdeaRecord, rejectProblem?: string): Reply {
  const city = ctx.app.settings.city;
  const published = ctx.app.store.ideas.list({ status: 'published' }).filter((other) => other.id !== idea.id);
  const mayMerge = (idea.status === 'pending' || idea.status === 'published') && published.length > 0;
  return page(
    idea.title,
    html`${rejectProblem ? problemSummary(ctx, [{ field: 'reason', message: rejectProblem }]) : ''}
<p class="lead">${idea.body}</p>
<dl class="facts">
  <dt>${ctx.t('agent_ideas.status')}</dt><dd>${ctx.t(`agent_ideas.statuses.${idea.status}`)}</dd>
  <dt>${ctx.t('agent_ideas.neighbourhood')}</dt><dd>${idea.neighbourhood ? ctx.say(neighbourhoodLabel(idea.neighbourhood, city)) : '—'}</dd>
  <dt>${ctx.t('agent_ideas.submitted')}</dt><dd>${ctx.dateTime(idea.submittedAt)}</dd>
  <dt>${ctx.t('agent_ideas.supporters')}</dt><dd>${ctx.number(idea.supporters)}</dd>
  ${idea.reason ? html`<dt>${ctx.t('agent_ideas.reason')}</dt><dd>${idea.reason}</dd>` : ''}
  ${idea.mergedInto ? html`<dt>${ctx.t('agent_ideas.merged_into')}</dt><dd><a href="${ctx.href(`/agent/ideas/${idea.mergedInto}`)}">${ctx.t('agent_ideas.idea_number', { id: idea.mergedInto })}</a></dd>` : ''}
</dl>
${
  idea.status === 'pending'
    ? html`<h2>${ctx.t('agent_ideas.decide')}</h2>
${buttonForm(ctx, `/agent/ideas/${idea.id}/approve`, ctx.t('agent_ideas.publish'))}
${rejectForm(ctx, idea, rejectProblem)}`
    : ''
}
${
  mayMerge
    ? html`<h2>${ctx.t('agent_ideas.merge_title')}</h2><form method="post" action="${ctx.href(`/agent/ideas/${idea.id}/merge`)}">${csrfField(ctx)}
${selectField({ name: 'into', label: ctx.t('agent_ideas.merge_into'), hint: ctx.t('agent_ideas.merge_hint'), choices: published.map((other) => ({ value: String(other.id), label: `${other.title} (${ctx.t('agent_ideas.idea_number', { id: other.id })})` })) })}
<button type="submit">${ctx.t('agent_ideas.merge')}</button></form>`
    : ''
}
<p><a href="${ctx.href('/agent/ideas')}">${ctx.t('agent_ideas.back')}</a></p>`,
    rejectProblem ? 422 : 200,
  );
}

/** The call for ideas form, with the problems found. */
function callForm(ctx: PageContext, values: IdeaCallFields, problems: readonly IdeaCallProblem[]): SafeHtml {
  const zone = ctx.app.settings.city.timeZone;
  const worded = problems.map((p) => ({
    field: p.field,
    message: 'value' in p ? timeProblemWords(ctx, p.value, p) : p.problem === 'missing' ? ctx.t('form.required') : ctx.t('agent_ideas.until_before_from'),
  }));
  const problemOf = (field: string) => worded.find((p) => p.field === field)?.message;
  return html`${problemSummary(ctx, worded)}<form method="post" action="${ctx.href('/agent/ideas/calls')}" novalidate>${csrfField(ctx)}
${textField({ name: 'from', type: 'datetime-local', label: ctx.t('agent_ideas.call_from'), hint: ctx.t('agent_ideas.call_from_hint', { zone }), value: values.from ?? '', problem: problemOf('from') })}
${textField({ name: 'until', type: 'datetime-local', label: ctx.t('agent_ideas.call_until'), value: values.until, problem: problemOf('until'), required: true })}
${SUPPORTED_LANGUAGES.map((language) => textField({ name: `theme_${language}`, label: ctx.t('agent_ideas.call_theme', { language: ctx.say({ key: `common:language_name.${language}` }) }), value: values.theme?.[language] ?? '', lang: language }))}
<button type="submit">${ctx.t('agent_ideas.call_open')}</button></form>`;
}

/** The calls for ideas: the one open (to close), those planned, and the form to open one. */
function callsSection(ctx: PageContext, form: SafeHtml): SafeHtml {
  const { store } = ctx.app;
  const open = store.ideas.openCall(ctx.now);
  const calls = store.ideas.calls();
  return html`<section aria-labelledby="calls-title"><h2 id="calls-title">${ctx.t('agent_ideas.calls')}</h2>
${open ? html`<p>${ctx.t('agent_ideas.call_open_until', { until: ctx.dateTime(open.closesAt) })}</p>${buttonForm(ctx, '/agent/ideas/calls/close', ctx.t('agent_ideas.call_close'), { danger: true })}` : html`<p>${ctx.t('agent_ideas.no_open_call')}</p>`}
${
  calls.length > 0
    ? dataTable(
        ctx.t('agent_ideas.calls_caption'),
        [ctx.t('agent_ideas.call_theme_heading'), ctx.t('agent_ideas.call_from'), ctx.t('agent_ideas.call_until')],
        calls.map((c) => [c.theme ? ctx.agentText(c.theme) : ctx.t('ideas.any_theme'), ctx.shortDateTime(c.opensAt), ctx.shortDateTime(c.closesAt)]),
      )
    : ''
}
<h3>${ctx.t('agent_ideas.new_call')}</h3>${form}</section>`;
}

function listPage(ctx: PageContext, status: IdeaStatus, callForm_: SafeHtml, code = 200): Reply {
  const ideas = ctx.app.store.ideas.list({ status });
  const city = ctx.app.settings.city;
  return page(
    ctx.t('agent_ideas.title'),
    html`<nav aria-label="${ctx.t('agent_ideas.filter')}"><ul class="tabs">${IDEA_STATUSES.map(
      (s) => html`<li><a href="${ctx.href(`/agent/ideas?status=${s}`)}"${s === status ? html` aria-current="page"` : ''}>${ctx.t(`agent_ideas.statuses.${s}`)}</a></li>`,
    )}</ul></nav>
${
  ideas.length === 0
    ? html`<p>${ctx.t('agent_ideas.none')}</p>`
    : dataTable(
        ctx.t('agent_ideas.caption', { status: ctx.t(`agent_ideas.statuses.${status}`) }),
        [ctx.t('agent_ideas.idea'), ctx.t('agent_ideas.neighbourhood'), ctx.t('agent_ideas.supporters'), ctx.t('agent_ideas.submitted')],
        ideas.map((i) => [
          html`<a href="${ctx.href(`/agent/ideas/${i.id}`)}">${i.title}</a>`,
          i.neighbourhood ? ctx.say(neighbourhoodLabel(i.neighbourhood, city)) : '—',
          ctx.number(i.supporters),
          ctx.shortDateTime(i.submittedAt),
        ]),
        { numeric: [2] },
      )
}
${callsSection(ctx, callForm_)}`,
    code,
  );
}

/** The back-office pages of ideas: moderation (publish, reject with a reason, merge) and calls for ideas. */
export function agentIdeaPages(routes: WebRoutes): void {
  routes.page('/agent/ideas', 'agent', (ctx, { query }) => {
    const status = (IDEA_STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as IdeaStatus) : 'pending';
    return listPage(ctx, status, callForm(ctx, { until: '' }, []));
  });

  routes.page('/agent/ideas/:id', 'agent', (ctx, { params }) => {
    const idea = findIdea(ctx, params.id);
    return idea ? ideaPage(ctx, idea) : notFound;
  });

  routes.form('/agent/ideas/:id/approve', 'agent', (ctx, { params }) => {
    const idea = findIdea(ctx, params.id);
    if (!idea) return notFound;
    const result = act(ctx, 'idea_approved', () => approveIdea(ctx.app.store, idea.id, ctx.now), (r) => ('problem' in r ? null : { detail: { idea_id: idea.id } }));
    return decided(idea.id, result, 'idea_published');
  });

  routes.form('/agent/ideas/:id/reject', 'agent', (ctx, { params, form }) => {
    const idea = findIdea(ctx, params.id);
    if (!idea) return notFound;
    const reason = form.get('reason').trim();
    if (reason === '') return ideaPage(ctx, idea, ctx.t('agent_ideas.reason_required'));
    const result = act(ctx, 'idea_rejected', () => rejectIdea(ctx.app.store, idea.id, reason, ctx.now), (r) => ('problem' in r ? null : { detail: { idea_id: idea.id } }));
    return decided(idea.id, result, 'idea_rejected');
  });

  routes.form('/agent/ideas/:id/merge', 'agent', (ctx, { params, form }) => {
    const idea = findIdea(ctx, params.id);
    if (!idea) return notFound;
    const into = Number(form.get('into'));
    const result = act(ctx, 'idea_merged', () => mergeIdea(ctx.app.store, idea.id, into, ctx.now), (r) => ('problem' in r ? null : { detail: { idea_id: idea.id, into } }));
    return decided(idea.id, result, 'idea_merged');
  });

  routes.form('/agent/ideas/calls', 'agent', (ctx, { form }) => {
    const values: IdeaCallFields = { from: form.get('from'), until: form.get('until'), theme: Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, form.get(`theme_${language}`)])) };
    const read = readIdeaCallFields(values, ctx.app.settings.city.timeZone, ctx.now);
    if (!read.ok) return listPage(ctx, 'pending', callForm(ctx, values, read.problems), 422);
    const result = act(ctx, 'idea_call_opened', () => openIdeaCall(ctx.app.store, read.call, ctx.now), (r) => (typeof r === 'number' ? { detail: { call_id: r } } : null));
    if (typeof result !== 'number') return redirect(`/agent/ideas?done=idea_call_overlaps&n=${result.overlaps.id}`);
    return redirect(`/agent/ideas?done=idea_call_opened&n=${result}`);
  });

  routes.form('/agent/ideas/calls/close', 'agent', (ctx) => {
    const closed = act(ctx, 'idea_call_closed', () => closeIdeaCall(ctx.app.store, ctx.now), (call) => (call ? { detail: { call_id: call.id } } : null));
    return redirect(`/agent/ideas?done=${closed ? 'idea_call_closed' : 'idea_no_open_call'}&n=${closed?.id ?? ''}`);
  });
}

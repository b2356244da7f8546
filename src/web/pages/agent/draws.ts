import type { FileProblem } from '../../../consultations/consultation-file';
import { counted } from '../../../domain/text';
import { drawStatusView, type DrawStatusView } from '../../../draws/draw-status';
import { explanationLines } from '../../../draws/explanation-lines';
import { planDraw, recordDraw, type PrepareResult } from '../../../draws/prepare-draw';
import { readQuotaFile } from '../../../draws/quota-file';
import { chooseSelection, planReplacement, recordReplacement, type ReplaceResult, type ReplacementPlan } from '../../../draws/replace-seats';
import { runDraw, type Deliveries } from '../../../draws/run-draw';
import { selectInWorker } from '../../../draws/selection/select-in-worker';
import { act } from '../../act';
import { checkbox, csrfField, dataTable, fieldId, problemSummary, textArea, textField } from '../../components';
import { drawFieldHeading, drawValueName, seatStatusName } from '../../draw-words';
import { drawJobsOf, type DrawJob, type DrawJobResult } from '../../draw-jobs';
import { html, type SafeHtml } from '../../html';
import { cliWords } from '../../results-view';
import { notFound, page, redirect, type FormFields, type PageContext, type Reply, type WebRoutes } from '../../web-routes';

/** The quotas file as sent: the file chosen, else the text pasted (a byte-order mark dropped). */
function postedFile(form: FormFields): string {
  const uploaded = form.get('file');
  return (uploaded.trim() !== '' ? uploaded : form.get('quotas')).replace(/^\uFEFF/, '');
}

/** The form to prepare a draw: a file to choose, or its text to paste, and every problem found in it. */
function prepareForm(ctx: PageContext, text: string, problems: readonly string[]): SafeHtml {
  const problem = problems.length > 0 ? problems.join(' ') : undefined;
  return html`<p>${ctx.t('agent_draws.prepare_intro')}</p>
${problemSummary(
  ctx,
  problems.map((message) => ({ field: 'quotas', message })),
)}
<form method="post" action="${ctx.href('/agent/draws')}" enctype="multipart/form-data" novalidate>
${csrfField(ctx)}
<div class="field">
  <label for="${fieldId('file')}">${ctx.t('agent_draws.file')}</label>
  <p class="hint" id="${fieldId('file')}-hint">${ctx.t('agent_draws.file_hint')}</p>
  <input type="file" id="${fieldId('file')}" name="file" accept=".yaml,.yml,.json,.txt" aria-describedby="${fieldId('file')}-hint">
</div>
${textArea({ name: 'quotas', label: ctx.t('agent_draws.paste'), hint: ctx.t('agent_draws.paste_hint'), value: text, problem, rows: 18 })}
<button type="submit">${ctx.t('agent_draws.prepare')}</button>
</form>
<p class="hint">${ctx.t('agent_draws.prepare_time')}</p>`;
}

/** How the names of categories and values read in explanations. */
function names(ctx: PageContext) {
  return { field: (field: string) => drawFieldHeading(ctx, field), value: (field: string, value: string) => drawValueName(ctx, field, value) };
}

/** A page whose request started a computation, now that it ends: `now` as it finishes, for what is recorded then. */
function later(ctx: PageContext): PageContext {
  return { ...ctx, now: ctx.app.clock.now() };
}

/** Starts a computation, or says that another one is under way. */
function started(ctx: PageContext, job: DrawJob | null): Reply {
  if (job) return redirect(`/agent/draws/jobs/${job.id}`);
  const running = drawJobsOf(ctx.app).running();
  return page(
    ctx.t('agent_draws.busy_title'),
    html`<p>${ctx.t('agent_draws.busy', { when: ctx.dateTime(running?.startedAt ?? ctx.now.toISOString()) })}</p>
${running ? html`<p><a href="${ctx.href(`/agent/draws/jobs/${running.id}`)}">${ctx.t('agent_draws.see_job')}</a></p>` : ''}`,
    409,
  );
}

/** The logger's line when a computation fails (the page says it too). */
function onFailure(ctx: PageContext): (error: string) => void {
  return (error) => ctx.app.logger.error('draw_computation_failed', { error });
}

/** Reads a posted quotas file, then freezes its pool and starts the computation. */
function prepare(ctx: PageContext, form: FormFields): Reply {
  const { store, settings } = ctx.app;
  const text = postedFile(form);
  const refused = (problems: readonly string[]) => page(ctx.t('agent_draws.new'), prepareForm(ctx, text, problems), 422);
  if (text.trim() === '') return refused([ctx.t('agent_draws.file_missing')]);
  const read = readQuotaFile(text, settings.city, ctx.language, cliWords(ctx));
  if (!read.ok) return refused(read.problems.map((p: FileProblem) => (p.path ? ctx.t('agent_draws.problem_at', { path: p.path, message: p.message }) : p.message)));
  const plan = planDraw({ store }, read.definition);
  if ('ok' in plan) {
    if (plan.reason === 'unknown_sessions') return refused([ctx.say({ key: 'cli:draw.unknown_sessions', params: { ids: plan.sessions.join(', ') } })]);
    if (plan.reason === 'unknown_pool_draw') return refused([ctx.say({ key: 'cli:draw.unknown_pool_draw', params: { id: plan.drawId } })]);
    return refused(explanationLines(cliWords(ctx), plan.explanation, plan.categories, names(ctx)));
  }
  const job = drawJobsOf(ctx.app).start(
    { kind: 'prepare', drawId: null, startedAt: ctx.now.toISOString(), people: plan.pool.people.length, seats: plan.definition.panelSize },
    async (): Promise<DrawJobResult> => {
      const selection = await selectInWorker(plan.problem);
      // The pool was frozen when the agent asked: the draw is prepared as of then.
      const result = act(later(ctx), 'draw_prepared', () => recordDraw({ store, city: settings.city }, plan, selection, ctx.now), (done) => (done.ok ? { detail: { draw_id: done.draw.id } } : null));
      return { kind: 'prepare', result };
    },
    onFailure(ctx),
    ctx.now,
  );
  return started(ctx, job);
}

/** Starts drawing replacements for the seats freed, in a worker thread. */
function replace(ctx: PageContext, plan: ReplacementPlan, relax: boolean): Reply {
  const { store, conversations } = ctx.app;
  const drawId = plan.draw.id;
  const job = drawJobsOf(ctx.app).start(
    { kind: 'replace', drawId, startedAt: ctx.now.toISOString(), people: plan.basis.candidates.length, seats: plan.basis.seats },
    async (): Promise<DrawJobResult> => {
      const chosen = await chooseSelection(plan, selectInWorker, relax);
      const now = later(ctx);
      const result = act(now, 'draw_replaced', () => recordReplacement({ store, conversations }, plan, chosen, now.now), (done) =>
        done.ok && done.round ? { detail: { draw_id: drawId, round: done.round.round, invited: done.round.panel.length } } : null,
      );
      return { kind: 'replace', result };
    },
    onFailure(ctx),
    ctx.now,
  );
  return started(ctx, job);
}

/** People invited, however they were told. */
function invited(deliveries: Deliveries): number {
  return deliveries.direct + deliveries.mediator + deliveries.unreachable;
}

/** Why quotas cannot be met, as a list. */
function explanationList(lines: readonly string[]): SafeHtml {
  return html`<ul>${lines.map((line) => html`<li>${line.trim().replace(/^- /, '')}</li>`)}</ul>`;
}

/** A prepare that ended without a draw: the quotas no panel meets, explained. */
function prepareRefused(ctx: PageContext, job: DrawJob, result: Exclude<PrepareResult, { ok: true }>): Reply {
  const lines =
    result.reason === 'infeasible'
      ? [ctx.say({ key: 'cli:draw.infeasible', params: { seats: counted('people', job.seats), pool: counted('people', result.pool.people.length) } }), ...explanationLines(cliWords(ctx), result.explanation, result.categories, names(ctx))]
      : [ctx.say({ key: `cli:draw.${result.reason}`, params: { ids: 'sessions' in result ? result.sessions.join(', ') : '', id: 'drawId' in result ? result.drawId : '' } })];
  return page(ctx.t('agent_draws.infeasible_title'), html`${explanationList(lines)}<p><a href="${ctx.href('/agent/draws/new')}">${ctx.t('agent_draws.try_again')}</a></p>`);
}

/** A replacement that ended without a round: why, and what the agent can do. */
function replaceRefused(ctx: PageContext, drawId: number, result: Exclude<ReplaceResult, { ok: true }>): Reply {
  const again = (relax: boolean, label: string) =>
    html`<form method="post" action="${ctx.href(`/agent/draws/${drawId}/replace`)}">${csrfField(ctx)}${relax ? html`<input type="hidden" name="relax" value="on">` : ''}<button type="submit">${label}</button></form>`;
  if (result.reason !== 'infeasible') {
    return page(ctx.t('agent_draws.replace_failed_title'), html`<p>${ctx.say({ key: `cli:draw.${result.reason}`, params: { id: drawId } })}</p>${again(false, ctx.t('agent_draws.replace_again'))}`);
  }
  const lines = explanationLines(cliWords(ctx), result.explanation, result.categories, names(ctx));
  return page(
    ctx.t('agent_draws.replace_failed_title'),
    html`<p>${ctx.say({ key: 'cli:draw.replace_infeasible', params: { seats: counted('seats', result.seats), candidates: result.candidates } })}</p>
${explanationList(lines)}
${result.explanation.relaxation.length > 0 ? html`<p>${ctx.t('agent_draws.relax_explained')}</p>${again(true, ctx.t('agent_draws.relax_button'))}` : ''}
<p><a href="${ctx.href(`/agent/draws/${drawId}`)}">${ctx.t('agent_draws.back_to_draw')}</a></p>`,
  );
}

/** A computation's page: under way, failed, or its outcome. */
function jobPage(ctx: PageContext, job: DrawJob): Reply {
  const outcome = job.outcome;
  if (outcome === null) {
    return page(
      ctx.t('agent_draws.job_title'),
      html`<p role="status">${ctx.t(job.kind === 'prepare' ? 'agent_draws.job_preparing' : 'agent_draws.job_replacing', { when: ctx.dateTime(job.startedAt), seats: counted('seats', job.seats), people: counted('people', job.people) })}</p>
<p>${ctx.t('agent_draws.job_wait')}</p>
<p><a class="button" href="${ctx.href(`/agent/draws/jobs/${job.id}`)}">${ctx.t('agent_draws.job_reload')}</a></p>`,
    );
  }
  if ('failed' in outcome) return page(ctx.t('agent_draws.job_failed_title'), html`<p>${ctx.t('agent_draws.job_failed', { reason: outcome.failed })}</p><p><a href="${ctx.href('/agent/draws')}">${ctx.t('agent_draws.back')}</a></p>`);
  const { done } = outcome;
  if (done.kind === 'prepare') return done.result.ok ? redirect(`/agent/draws/${done.result.draw.id}?done=draw_prepared&n=${done.result.draw.id}`) : prepareRefused(ctx, job, done.result);
  const drawId = job.drawId ?? 0;
  if (!done.result.ok) return replaceRefused(ctx, drawId, done.result);
  return redirect(done.result.round ? `/agent/draws/${drawId}?done=draw_replaced&n=${done.result.round.panel.length}` : `/agent/draws/${drawId}?done=draw_nothing_to_replace`);
}

/** The quotas, category by category: seats accepted and held against each quota. */
function quotaTable(ctx: PageContext, view: DrawStatusView): SafeHtml {
  return dataTable(
    ctx.t('agent_draws.quotas_caption'),
    [ctx.t('agent_draws.category'), ctx.t('agent_draws.value'), ctx.t('agent_draws.quota'), ctx.t('agent_draws.accepted'), ctx.t('agent_draws.held')],
    view.categories.flatMap((category) =>
      category.values.map((v) => [drawFieldHeading(ctx, category.field), drawValueName(ctx, category.field, v.value), `${v.min}–${v.max}`, ctx.number(v.accepted), ctx.number(v.held)]),
    ),
    { numeric: [3, 4] },
  );
}

/** Where the draw stands against its quotas, in a sentence. */
function quotaStanding(ctx: PageContext, view: DrawStatusView): string {
  return view.acceptedMeetQuotas ? ctx.say({ key: 'cli:draw.status.quotas_ok' }) : view.heldMeetQuotas ? ctx.say({ key: 'cli:draw.status.quotas_held' }) : ctx.t('agent_draws.quotas_open');
}

/** The form to draw with the seed the source published: first a dry run. */
function runForm(ctx: PageContext, view: DrawStatusView, seed: string, problem?: string): SafeHtml {
  return html`<form method="post" action="${ctx.href(`/agent/draws/${view.id}/run`)}" novalidate>
${csrfField(ctx)}
${textField({ name: 'seed', label: ctx.t('agent_draws.seed'), hint: ctx.t('agent_draws.seed_hint', { source: view.seedSource }), value: seed, problem, required: true, autocomplete: 'off' })}
<button type="submit">${ctx.t('agent_draws.dry_run')}</button>
</form>`;
}

/** The form to draw replacements for the seats freed. */
function replaceForm(ctx: PageContext, view: DrawStatusView): SafeHtml {
  return html`<form method="post" action="${ctx.href(`/agent/draws/${view.id}/replace`)}">
${csrfField(ctx)}
${checkbox({ name: 'relax', label: ctx.t('agent_draws.relax'), checked: false })}
<button type="submit">${ctx.t('agent_draws.replace')}</button>
</form>`;
}

/** A draw's back-office page: where it stands, its quotas, its seats, and what can be done next. */
function drawPage(ctx: PageContext, view: DrawStatusView, seedProblem?: { readonly seed: string; readonly problem: string }): SafeHtml {
  const running = drawJobsOf(ctx.app).running();
  const free = view.counts.declined + view.counts.expired;
  const replaced = view.counts.replacements;
  return html`${running?.drawId === view.id ? html`<p role="status"><a href="${ctx.href(`/agent/draws/jobs/${running.id}`)}">${ctx.t('agent_draws.job_running')}</a></p>` : ''}
<dl class="facts">
  <dt>${ctx.t('agent_draws.status')}</dt><dd>${ctx.say({ key: `cli:draw.status.state.${view.status}` })}</dd>
  <dt>${ctx.t('agent_draws.prepared_at')}</dt><dd>${ctx.dateTime(view.preparedAt)}</dd>
  <dt>${ctx.t('agent_draws.pool')}</dt><dd>${ctx.t('agent_draws.pool_size', { seats: counted('seats', view.panelSize), pool: counted('people', view.poolSize) })}</dd>
  <dt>${ctx.t('agent_draws.chances')}</dt><dd>${ctx.t('agent_draws.chances_range', { smallest: ctx.number(view.smallestProbability, 'percent'), largest: ctx.number(view.largestProbability, 'percent') })}</dd>
  <dt>${ctx.t('agent_draws.commitment')}</dt><dd><code class="commitment">${view.commitment}</code></dd>
  <dt>${ctx.t('agent_draws.source')}</dt><dd>${view.seedSource}</dd>
  ${view.seed !== null ? html`<dt>${ctx.t('agent_draws.seed_used')}</dt><dd><code>${view.seed}</code> (${ctx.dateTime(view.drawnAt ?? view.preparedAt)})</dd>` : ''}
</dl>
<p><a href="${ctx.href(`/draws/${view.id}`)}">${ctx.t('agent_draws.public_page')}</a> · <a href="${ctx.href(`/draws/${view.id}/record.json`)}" download="draw-${view.id}.json">${ctx.t('agent_draws.download')}</a></p>
${
  view.status === 'prepared'
    ? html`<h2>${ctx.t('agent_draws.run_title')}</h2><p>${ctx.t('agent_draws.run_text')}</p>${runForm(ctx, view, seedProblem?.seed ?? '', seedProblem?.problem)}`
    : html`<h2>${ctx.t('agent_draws.answers_title')}</h2>
<p>${ctx.t('agent_draws.counts', { invited: view.counts.invited, accepted: view.counts.accepted, declined: view.counts.declined, expired: view.counts.expired, waiting: view.counts.waiting, replacements: view.counts.replacements })}</p>
<p>${quotaStanding(ctx, view)}</p>
${quotaTable(ctx, view)}
${dataTable(
  ctx.t('agent_draws.seats_caption'),
  [ctx.t('agent_draws.pseudonym'), ctx.t('agent_draws.round'), ctx.t('agent_draws.answer'), ctx.t('agent_draws.answer_by')],
  view.seats.map((s) => [html`<code>${s.pseudonym}</code>`, s.round === 0 ? ctx.t('draws.round_draw') : ctx.t('draws.round_replacement', { n: s.round }), seatStatusName(ctx, s.status), ctx.shortDateTime(s.answerBy)]),
)}
<h2>${ctx.t('agent_draws.replace_title')}</h2>
<p>${ctx.t('agent_draws.replace_text', { free, replaced })}</p>
${replaceForm(ctx, view)}`
}
<p><a href="${ctx.href('/agent/draws')}">${ctx.t('agent_draws.back')}</a></p>`;
}

/** The draw of a route's `:id`, as its status view. */
function viewOf(ctx: PageContext, id: string | undefined): DrawStatusView | null {
  return /^\d+$/.test(id ?? '') ? drawStatusView(ctx.app.store, Number(id)) : null;
}

/** The dry run of a seed: the number it gives, the panel it picks, the people drawn; then confirm. */
function dryRun(ctx: PageContext, view: DrawStatusView, seed: string): Reply {
  const { store, conversations } = ctx.app;
  const title = ctx.agentText(view.name);
  const result = runDraw(store, conversations, view.id, seed, ctx.now, true);
  if (!result.ok) {
    if (result.reason === 'empty_seed') return page(title, drawPage(ctx, view, { seed, problem: ctx.t('agent_draws.seed_missing') }), 422);
    return redirect(`/agent/draws/${view.id}?done=draw_already_drawn&n=${view.id}`);
  }
  const { outcome } = result;
  const draw = store.draws.find(view.id);
  const valuesOf = new Map((draw?.prepared.pool ?? []).map((e) => [e.pseudonym, e.values]));
  const fields = view.categories.map((c) => c.field);
  return page(
    ctx.t('agent_draws.dry_run_title', { name: title }),
    html`<p>${ctx.say({ key: 'cli:draw.uniform', params: { seed: outcome.seed, uniform: outcome.uniform, index: outcome.panel_index + 1 } })}</p>
<p role="status">${ctx.say({ key: 'cli:draw.dry_run_done' })}</p>
${dataTable(
  ctx.t('agent_draws.drawn_caption', { count: outcome.panel.length }),
  [ctx.t('agent_draws.pseudonym'), ...fields.map((f) => drawFieldHeading(ctx, f))],
  outcome.panel.map((p) => [html`<code>${p}</code>`, ...fields.map((field, c) => drawValueName(ctx, field, valuesOf.get(p)?.[c] ?? ''))]),
)}
<form method="post" action="${ctx.href(`/agent/draws/${view.id}/run`)}">
${csrfField(ctx)}<input type="hidden" name="seed" value="${seed}"><input type="hidden" name="confirm" value="yes">
<button type="submit">${ctx.t('agent_draws.confirm_run', { count: outcome.panel.length })}</button>
</form>
<p><a href="${ctx.href(`/agent/draws/${view.id}`)}">${ctx.t('agent_draws.change_seed')}</a></p>`,
  );
}

/**
 * The back-office pages of draws by lot: the list; prepare from a quotas file (chosen or pasted,
 * every problem shown), computed in a worker thread while the bot goes on serving; a draw's
 * status, quotas and seats; the run with the published seed (a dry run, then confirm); and
 * replacements. Each action is in the audit from `web`. Pseudonyms only, as in the public record.
 */
export function agentDrawPages(routes: WebRoutes): void {
  routes.page('/agent/draws', 'agent', (ctx) => {
    const { store } = ctx.app;
    const running = drawJobsOf(ctx.app).running();
    const draws = store.draws.list().sort((a, b) => b.id - a.id);
    return page(
      ctx.t('agent_draws.title'),
      html`<p><a class="button" href="${ctx.href('/agent/draws/new')}">${ctx.t('agent_draws.new')}</a></p>
${running ? html`<p role="status"><a href="${ctx.href(`/agent/draws/jobs/${running.id}`)}">${ctx.t('agent_draws.job_running')}</a></p>` : ''}
${
  draws.length === 0
    ? html`<p>${ctx.t('agent_draws.none')}</p>`
    : dataTable(
        ctx.t('agent_draws.caption'),
        [ctx.t('agent_draws.draw'), ctx.t('agent_draws.status'), ctx.t('agent_draws.pool'), ctx.t('agent_draws.seats'), ctx.t('agent_draws.accepted')],
        draws.map((d) => [
          html`<a href="${ctx.href(`/agent/draws/${d.id}`)}">${ctx.t('agent_draws.numbered', { n: d.id, name: ctx.agentText(d.definition.name) })}</a>`,
          ctx.say({ key: `cli:draw.status.state.${d.status}` }),
          ctx.number(d.prepared.pool.length),
          ctx.number(d.prepared.panel_size),
          ctx.number(store.draws.seats(d.id).filter((s) => s.status === 'accepted').length),
        ]),
        { numeric: [2, 3, 4] },
      )
}`,
    );
  });

  routes.page('/agent/draws/new', 'agent', (ctx) => page(ctx.t('agent_draws.new'), prepareForm(ctx, '', [])));
  routes.form('/agent/draws', 'agent', (ctx, { form }) => prepare(ctx, form));

  routes.page('/agent/draws/jobs/:job', 'agent', (ctx, { params }) => {
    const job = drawJobsOf(ctx.app).find(params.job ?? '');
    return job ? jobPage(ctx, job) : notFound;
  });

  routes.page('/agent/draws/:id', 'agent', (ctx, { params }) => {
    const view = viewOf(ctx, params.id);
    return view ? page(ctx.agentText(view.name), drawPage(ctx, view)) : notFound;
  });

  routes.form('/agent/draws/:id/run', 'agent', (ctx, { params, form }) => {
    const view = viewOf(ctx, params.id);
    if (!view) return notFound;
    const seed = form.get('seed');
    if (form.get('confirm') !== 'yes') return dryRun(ctx, view, seed);
    const { store, conversations } = ctx.app;
    const result = act(ctx, 'draw_run', () => runDraw(store, conversations, view.id, seed, ctx.now, false), (done) => (done.ok ? { detail: { draw_id: view.id, invited: invited(done.deliveries) } } : null));
    if (!result.ok) return result.reason === 'empty_seed' ? dryRun(ctx, view, seed) : redirect(`/agent/draws/${view.id}?done=draw_already_drawn&n=${view.id}`);
    return redirect(`/agent/draws/${view.id}?done=draw_run&n=${invited(result.deliveries)}`);
  });

  routes.form('/agent/draws/:id/replace', 'agent', (ctx, { params, form }) => {
    const draw = /^\d+$/.test(params.id ?? '') ? ctx.app.store.draws.find(Number(params.id)) : null;
    if (!draw) return notFound;
    const plan = planReplacement(ctx.app.store, draw);
    if (plan === null) return redirect(`/agent/draws/${draw.id}?done=draw_nothing_to_replace`);
    if ('ok' in plan) return redirect(`/agent/draws/${draw.id}?done=draw_not_drawn&n=${draw.id}`);
    return replace(ctx, plan, form.get('relax') === 'on');
  });
}

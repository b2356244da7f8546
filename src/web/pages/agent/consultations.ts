import { audienceFilters, closeConsultation, openConsultation } from '../../../consultations/consultation-schedule';
import { openConsultationsParticipation } from '../../../consultations/participation';
import { planBroadcast } from '../../../broadcasts/send-broadcast';
import { tallyConsultation } from '../../../results/tally';
import type { ConsultationRecord } from '../../../store/consultations-repo';
import { act } from '../../act';
import { buttonForm, dataTable } from '../../components';
import { html, type SafeHtml } from '../../html';
import { notFound, page, redirect, type PageContext, type Reply, type WebRoutes } from '../../web-routes';
import { participationWords, resultsSections } from '../../results-view';
import { BLANK_CONSULTATION, consultationForm, postedConsultation, readConsultationForm } from './consultation-form';

function findConsultation(ctx: PageContext, id: string | undefined): ConsultationRecord | null {
  return /^\d+$/.test(id ?? '') ? ctx.app.store.consultations.find(Number(id)) : null;
}

/** Live participation of an open consultation: counts only, per question. */
function liveParticipation(ctx: PageContext, c: ConsultationRecord): SafeHtml {
  const live = openConsultationsParticipation(ctx.app.store, ctx.now).find((p) => p.id === c.id);
  if (!live) return html`<p>${ctx.t('agent_consultations.closing')}</p>`;
  return html`<p class="figure">${participationWords(ctx, live.ballots, live.invited)}</p>
${dataTable(
  ctx.t('agent_consultations.participation_caption'),
  [ctx.t('agent_consultations.question'), ctx.t('agent_consultations.answered')],
  live.questions.map((q, i) => [`${i + 1}. ${ctx.agentText(q.text)}`, ctx.number(q.answered)]),
  { numeric: [1] },
)}
<p class="hint">${ctx.t('agent_consultations.counts_only')}</p>`;
}

/** A closed consultation's results as agents see them: the public page's, with the comments' texts. */
function agentResults(ctx: PageContext, c: ConsultationRecord): SafeHtml {
  const results = tallyConsultation(c, ctx.app.store.consultations.answers(c.id));
  return html`<p class="figure">${participationWords(ctx, results.ballots, results.invited)}</p>
<p><a href="${ctx.href(`/consultations/${c.id}`)}">${ctx.t('agent_consultations.public_page')}</a></p>
${resultsSections(ctx, results, 'agents')}`;
}

/** Who opening a consultation invites now: the same reading of its audience as `openConsultation`. */
function invitationPlan(ctx: PageContext, c: ConsultationRecord): { direct: number; viaMediators: number } {
  const plan = planBroadcast(ctx.app.store, audienceFilters(c.audience));
  return { direct: plan.total, viaMediators: plan.viaMediators };
}

/** The back-office pages of consultations: list, create from a form, open, follow, close, results. */
export function agentConsultationPages(routes: WebRoutes): void {
  routes.page('/agent/consultations', 'agent', (ctx) => {
    const list = ctx.app.store.consultations.list();
    return page(
      ctx.t('agent_consultations.title'),
      html`<p><a class="button" href="${ctx.href('/agent/consultations/new')}">${ctx.t('agent_consultations.new')}</a></p>
${
  list.length === 0
    ? html`<p>${ctx.t('agent_consultations.none')}</p>`
    : dataTable(
        ctx.t('agent_consultations.caption'),
        [ctx.t('agent_consultations.consultation'), ctx.t('agent_consultations.status'), ctx.t('agent_consultations.opens'), ctx.t('agent_consultations.closes'), ctx.t('agent_consultations.participants')],
        list.map((c) => [
          html`<a href="${ctx.href(`/agent/consultations/${c.id}`)}">${ctx.agentText(c.title)}</a>`,
          ctx.say({ key: `cli:results.status.${c.status}` }),
          ctx.shortDateTime(c.opensAt),
          ctx.shortDateTime(c.closesAt),
          ctx.number(ctx.app.store.consultations.participants(c.id)),
        ]),
        { numeric: [4] },
      )
}`,
    );
  });

  routes.page('/agent/consultations/new', 'agent', (ctx) => page(ctx.t('agent_consultations.new'), consultationForm(ctx, BLANK_CONSULTATION, [])));

  routes.form('/agent/consultations', 'agent', (ctx, { form }) => {
    const { fields, intent } = postedConsultation(form);
    if (intent === 'edit') return page(ctx.t('agent_consultations.new'), consultationForm(ctx, fields, []));
    const read = readConsultationForm(ctx, fields);
    if (!read.ok) return page(ctx.t('agent_consultations.new'), consultationForm(ctx, fields, read.problems), 422);
    const id = act(ctx, 'consultation_created', () => ctx.app.store.consultations.create(read.definition, ctx.now), (created) => ({ detail: { consultation_id: created } }));
    return redirect(`/agent/consultations/${id}?done=consultation_created&n=${id}`);
  });

  routes.page('/agent/consultations/:id', 'agent', (ctx, { params }) => {
    const c = findConsultation(ctx, params.id);
    if (!c) return notFound;
    let body: SafeHtml;
    if (c.status === 'scheduled') {
      const plan = invitationPlan(ctx, c);
      body = html`<p>${ctx.t('agent_consultations.scheduled', { when: ctx.dateTime(c.opensAt) })}</p>
<p>${ctx.t('agent_consultations.open_plan', { direct: plan.direct, mediators: plan.viaMediators })}</p>
${buttonForm(ctx, `/agent/consultations/${c.id}/open`, ctx.t('agent_consultations.open_now'))}`;
    } else if (c.status === 'open') {
      // Looking at participation is recorded, as it is from the agent desk in chat.
      act(ctx, 'participation_viewed', () => undefined, () => ({ detail: { consultation_id: c.id } }));
      body = html`<p>${ctx.t('agent_consultations.open_until', { when: ctx.dateTime(c.closesAt) })}</p>
${liveParticipation(ctx, c)}
<p><a class="button danger" href="${ctx.href(`/agent/consultations/${c.id}/close`)}">${ctx.t('agent_consultations.close_now')}</a></p>`;
    } else {
      body = agentResults(ctx, c);
    }
    return page(
      ctx.agentText(c.title),
      html`<dl class="facts">
  <dt>${ctx.t('agent_consultations.status')}</dt><dd>${ctx.say({ key: `cli:results.status.${c.status}` })}</dd>
  <dt>${ctx.t('agent_consultations.opens')}</dt><dd>${ctx.dateTime(c.opensAt)}</dd>
  <dt>${ctx.t('agent_consultations.closes')}</dt><dd>${ctx.dateTime(c.closesAt)}</dd>
  <dt>${ctx.t('agent_consultations.audience')}</dt><dd>${ctx.t(`consultation_form.audiences.${c.audience}`)}</dd>
</dl>
${body}
<h2>${ctx.t('consultations.questions')}</h2>
<ol>${c.questions.map((q) => html`<li>${ctx.agentText(q.text)} <span class="meta">(${ctx.t(`consultation_form.types.${q.type}`)})</span></li>`)}</ol>
<p><a href="${ctx.href('/agent/consultations')}">${ctx.t('agent_consultations.back')}</a></p>`,
    );
  });

  const changing = (ctx: PageContext, id: string | undefined, status: 'scheduled' | 'open', then: (c: ConsultationRecord) => Reply): Reply => {
    const c = findConsultation(ctx, id);
    if (!c) return notFound;
    // Someone else opened or closed it meanwhile: the page says where it stands now.
    if (c.status !== status) return redirect(`/agent/consultations/${c.id}?done=consultation_is_${c.status}&n=${c.id}`);
    return then(c);
  };

  routes.form('/agent/consultations/:id/open', 'agent', (ctx, { params }) =>
    changing(ctx, params.id, 'scheduled', (c) => {
      const invited = act(ctx, 'consultation_opened', () => openConsultation(ctx.app.store, ctx.app.conversations, c.id, ctx.now), (count) => ({ detail: { consultation_id: c.id, invited: count } }));
      return redirect(`/agent/consultations/${c.id}?done=consultation_opened&n=${invited}`);
    }),
  );

  routes.page('/agent/consultations/:id/close', 'agent', (ctx, { params }) =>
    changing(ctx, params.id, 'open', (c) =>
      page(
        ctx.t('agent_consultations.close_title', { title: ctx.agentText(c.title) }),
        html`<p>${ctx.t('agent_consultations.close_confirm', { count: ctx.app.store.consultations.participants(c.id) })}</p>
${buttonForm(ctx, `/agent/consultations/${c.id}/close`, ctx.t('agent_consultations.close_button'), { danger: true })}
<p><a href="${ctx.href(`/agent/consultations/${c.id}`)}">${ctx.t('form.keep')}</a></p>`,
      ),
    ),
  );

  routes.form('/agent/consultations/:id/close', 'agent', (ctx, { params }) =>
    changing(ctx, params.id, 'open', (c) => {
      act(ctx, 'consultation_closed', () => closeConsultation(ctx.app.store, c.id, ctx.now), () => ({ detail: { consultation_id: c.id } }));
      return redirect(`/agent/consultations/${c.id}?done=consultation_closed&n=${c.id}`);
    }),
  );
}

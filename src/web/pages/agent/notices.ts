import { randomBytes } from 'node:crypto';
import { parseAudience } from '../../../broadcasts/audience';
import { audienceWords } from '../../../broadcasts/audience-words';
import { BROADCAST_TEXT_MAX, BROADCAST_TEXT_MIN, noticeSmsSegments } from '../../../broadcasts/notice-text';
import { planBroadcast, sendBroadcast } from '../../../broadcasts/send-broadcast';
import type { AudienceFilter } from '../../../domain/audience';
import { SUPPORTED_LANGUAGES, type Language } from '../../../domain/language';
import { counted, literal } from '../../../domain/text';
import { OTHER_NEIGHBOURHOOD } from '../../../domain/profile';
import { GRANTABLE_ROLES } from '../../../domain/role';
import { storedLength } from '../../../lib/text/clean-input';
import { typedTime } from '../../../lib/local-time-input';
import { act } from '../../act';
import { csrfField, dataTable, problemSummary, selectField, textArea, textField, timeProblemWords } from '../../components';
import { html, type SafeHtml } from '../../html';
import { notFound, page, redirect, type FormFields, type PageContext, type Reply, type WebRoutes } from '../../web-routes';

/** How long a confirmation is remembered, against sending the same notice twice. */
const SENT_KEPT_MS = 3_600_000;
/** Notices listed on the page, newest first. */
const RECENT_NOTICES = 20;

/** A notice as the form holds it. */
interface NoticeFields {
  /** The CLI's audience spec: `all`, `neighbourhood:trois_cites`, `said-yes:4`… */
  readonly audience: string;
  readonly texts: Readonly<Partial<Record<Language, string>>>;
  /** Empty: now. */
  readonly at: string;
}

/** A notice read and checked: ready to show for confirmation, and to send. */
interface CheckedNotice {
  readonly audience: AudienceFilter[];
  readonly texts: Partial<Record<Language, string>>;
  readonly sendAt: Date;
}

function posted(form: FormFields): NoticeFields {
  return { audience: form.get('audience'), texts: Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, form.get(`text_${language}`)])), at: form.get('at') };
}

/** The audiences an agent can choose, as the CLI writes them, with the desk's words. */
function audienceChoices(ctx: PageContext): { value: string; label: string }[] {
  const { city } = ctx.app.settings;
  const sessions = ctx.app.store.sessions.list(ctx.now, false);
  const word = (spec: string) => {
    const filters = parseAudience([spec], city);
    return Array.isArray(filters) && filters[0] ? ctx.say(audienceWords(filters[0], city, (id) => sessions.find((s) => s.id === id), (s) => literal(ctx.agentText(s.title)))) : spec;
  };
  const specs = [
    'all',
    'volunteers',
    'registered',
    'assembly',
    ...[...city.neighbourhoods.map((n) => n.id), OTHER_NEIGHBOURHOOD].map((id) => `neighbourhood:${id}`),
    ...SUPPORTED_LANGUAGES.map((language) => `language:${language}`),
    ...GRANTABLE_ROLES.map((role) => `role:${role}`),
    ...sessions.map((s) => `said-yes:${s.id}`),
  ];
  return specs.map((spec) => ({ value: spec, label: word(spec) }));
}

/** Checks a notice as the CLI and the desk do: a known audience, the default language's text, lengths, a readable time. */
function checkNotice(ctx: PageContext, fields: NoticeFields): CheckedNotice | { field: string; message: string }[] {
  const { settings } = ctx.app;
  const problems: { field: string; message: string }[] = [];
  const audience = parseAudience([fields.audience], settings.city);
  if (!Array.isArray(audience)) problems.push({ field: 'audience', message: ctx.t('notices.bad_audience') });
  const texts: Partial<Record<Language, string>> = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const value = fields.texts[language]?.trim() ?? '';
    const length = storedLength(value);
    if (value === '') {
      if (language === settings.defaultLanguage) problems.push({ field: `text_${language}`, message: ctx.t('notices.text_required') });
    } else if (length < BROADCAST_TEXT_MIN || length > BROADCAST_TEXT_MAX) {
      problems.push({ field: `text_${language}`, message: ctx.t('notices.text_length', { min: BROADCAST_TEXT_MIN, max: counted('characters', BROADCAST_TEXT_MAX), length: counted('characters', length) }) });
    } else {
      texts[language] = value;
    }
  }
  let sendAt = ctx.now;
  if (fields.at.trim() !== '') {
    const typed = typedTime(fields.at, settings.city.timeZone);
    if (!typed.ok) problems.push({ field: 'at', message: timeProblemWords(ctx, fields.at, typed) });
    else if (typed.at > ctx.now) sendAt = typed.at;
  }
  return problems.length > 0 || !Array.isArray(audience) ? problems : { audience, texts, sendAt };
}

function noticeForm(ctx: PageContext, fields: NoticeFields, problems: readonly { field: string; message: string }[]): SafeHtml {
  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const languageName = (language: string) => ctx.say({ key: `common:language_name.${language}` });
  return html`${problemSummary(ctx, problems)}
<form method="post" action="${ctx.href('/agent/notices/preview')}" novalidate>${csrfField(ctx)}
${selectField({ name: 'audience', label: ctx.t('notices.audience'), value: fields.audience, problem: problemOf('audience'), choices: audienceChoices(ctx) })}
${SUPPORTED_LANGUAGES.map((language) =>
  textArea({
    name: `text_${language}`,
    label: ctx.t('notices.text_in', { language: languageName(language) }),
    hint: language === ctx.app.settings.defaultLanguage ? ctx.t('notices.text_hint', { max: counted('characters', BROADCAST_TEXT_MAX) }) : ctx.t('notices.text_other_hint', { language: languageName(ctx.app.settings.defaultLanguage) }),
    value: fields.texts[language] ?? '',
    problem: problemOf(`text_${language}`),
    lang: language,
    rows: 5,
    required: language === ctx.app.settings.defaultLanguage,
  }),
)}
${textField({ name: 'at', type: 'datetime-local', label: ctx.t('notices.at'), hint: ctx.t('notices.at_hint'), value: fields.at, problem: problemOf('at') })}
<button type="submit">${ctx.t('notices.preview')}</button>
</form>`;
}

/** Who receives the notice, how many on which channel, what each version costs by SMS; then send, or change it. */
function previewPage(ctx: PageContext, fields: NoticeFields, notice: CheckedNotice): Reply {
  const plan = planBroadcast(ctx.app.store, notice.audience);
  const channels = Object.entries(plan.byChannel).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const hidden = html`${csrfField(ctx)}<input type="hidden" name="audience" value="${fields.audience}">${SUPPORTED_LANGUAGES.map(
    (language) => html`<input type="hidden" name="text_${language}" value="${fields.texts[language] ?? ''}">`,
  )}<input type="hidden" name="at" value="${fields.at}">`;
  // Pressing "send" twice (a double click, a slow network) must not send the notice twice.
  const once = html`<input type="hidden" name="once" value="${randomBytes(16).toString('hex')}">`;
  return page(
    ctx.t('notices.preview_title'),
    html`<p>${ctx.t('notices.plan', { count: plan.total + plan.viaMediators, audience: audienceChoices(ctx).find((c) => c.value === fields.audience)?.label ?? fields.audience, when: ctx.dateTime(notice.sendAt.toISOString()) })}</p>
${dataTable(
  ctx.t('notices.plan_caption'),
  [ctx.t('notices.channel'), ctx.t('notices.people')],
  [...channels.map(([channel, count]) => [ctx.say({ key: `common:channel.${channel}` }), ctx.number(count)]), ...(plan.viaMediators > 0 ? [[ctx.t('notices.via_mediators'), ctx.number(plan.viaMediators)]] : [])],
  { numeric: [1] },
)}
${dataTable(
  ctx.t('notices.texts_caption'),
  [ctx.t('notices.language'), ctx.t('notices.text'), ctx.t('notices.characters'), ctx.t('notices.sms')],
  Object.entries(notice.texts).map(([language, value]) => [ctx.say({ key: `common:language_name.${language}` }), html`<span lang="${language}">${value}</span>`, ctx.number(storedLength(value ?? '')), ctx.number(noticeSmsSegments(value ?? ''))]),
  { numeric: [2, 3] },
)}
<p class="hint">${ctx.t('notices.sms_hint')}</p>
${plan.total + plan.viaMediators === 0 ? html`<p>${ctx.t('notices.nobody')}</p>` : html`<form method="post" action="${ctx.href('/agent/notices')}">${hidden}${once}<button type="submit">${ctx.t('notices.send', { count: plan.total + plan.viaMediators })}</button></form>`}
<form method="post" action="${ctx.href('/agent/notices/edit')}">${hidden}<button type="submit" class="secondary">${ctx.t('notices.change')}</button></form>`,
  );
}

function noticesPage(ctx: PageContext, form: SafeHtml, status = 200): Reply {
  const recent = ctx.app.store.broadcasts.recent(RECENT_NOTICES);
  const { defaultLanguage } = ctx.app.settings;
  return page(
    ctx.t('notices.title'),
    html`<section aria-labelledby="new-title"><h2 id="new-title">${ctx.t('notices.new')}</h2>${form}</section>
<section aria-labelledby="sent-title"><h2 id="sent-title">${ctx.t('notices.sent')}</h2>
${
  recent.length === 0
    ? html`<p>${ctx.t('notices.none')}</p>`
    : dataTable(
        ctx.t('notices.sent_caption'),
        [ctx.t('notices.notice'), ctx.t('notices.at'), ctx.t('notices.people')],
        recent.map((b) => [html`<a href="${ctx.href(`/agent/notices/${b.id}`)}">${(b.texts[ctx.language] ?? b.texts[defaultLanguage] ?? '').slice(0, 80)}</a>`, ctx.shortDateTime(b.sendAt), ctx.number(b.recipients)]),
        { numeric: [2] },
      )
}</section>`,
    status,
  );
}

/** The back-office pages of notices: write one, see who receives it and what it costs, confirm, follow its delivery. */
export function noticePages(routes: WebRoutes): void {
  const blank: NoticeFields = { audience: 'all', texts: {}, at: '' };
  routes.page('/agent/notices', 'agent', (ctx) => noticesPage(ctx, noticeForm(ctx, blank, [])));

  routes.form('/agent/notices/edit', 'agent', (ctx, { form }) => noticesPage(ctx, noticeForm(ctx, posted(form), [])));

  routes.form('/agent/notices/preview', 'agent', (ctx, { form }) => {
    const fields = posted(form);
    const notice = checkNotice(ctx, fields);
    return Array.isArray(notice) ? noticesPage(ctx, noticeForm(ctx, fields, notice), 422) : previewPage(ctx, fields, notice);
  });

  routes.form('/agent/notices', 'agent', (ctx, { form }) => {
    const fields = posted(form);
    const notice = checkNotice(ctx, fields);
    if (Array.isArray(notice)) return noticesPage(ctx, noticeForm(ctx, fields, notice), 422);
    const send = () => {
      const result = act(ctx, 'broadcast_sent', () => sendBroadcast(ctx.app.store, notice, ctx.now), (r) => ({ detail: { broadcast_id: r.id, recipients: r.recipients } }));
      ctx.app.logger.info('broadcast_queued', { broadcast: result.id, recipients: result.recipients, via_mediators: result.viaMediators, by: 'web' });
      return result;
    };
    // The same confirmation posted again gives the notice already queued.
    const once = form.get('once');
    const sent = /^[0-9a-f]{32}$/.test(once) ? ctx.cached(`notice:${once}`, SENT_KEPT_MS, send) : send();
    return redirect(`/agent/notices/${sent.id}?done=notice_queued&n=${sent.recipients + sent.viaMediators}`);
  });

  routes.page('/agent/notices/:id', 'agent', (ctx, { params }) => {
    const broadcast = /^\d+$/.test(params.id ?? '') ? ctx.app.store.broadcasts.find(Number(params.id)) : null;
    if (!broadcast) return notFound;
    const progress = ctx.app.store.broadcasts.progress(broadcast.id);
    const { city } = ctx.app.settings;
    const sessions = ctx.app.store.sessions.list(null, true);
    return page(
      ctx.t('notices.notice_title', { id: broadcast.id }),
      html`<dl class="facts">
  <dt>${ctx.t('notices.audience')}</dt><dd>${broadcast.audience.map((f) => ctx.say(audienceWords(f, city, (id) => sessions.find((s) => s.id === id), (s) => literal(ctx.agentText(s.title))))).join(' · ')}</dd>
  <dt>${ctx.t('notices.at')}</dt><dd>${ctx.dateTime(broadcast.sendAt)}</dd>
  <dt>${ctx.t('notices.people')}</dt><dd>${ctx.number(broadcast.recipients)}</dd>
</dl>
${Object.entries(broadcast.texts).map(([language, value]) => html`<h2>${ctx.say({ key: `common:language_name.${language}` })}</h2><p lang="${language}">${value}</p>`)}
<h2>${ctx.t('notices.delivery')}</h2>
${
  progress.length === 0
    ? html`<p>${ctx.t('notices.no_delivery')}</p>`
    : dataTable(
        ctx.t('notices.delivery_caption'),
        [ctx.t('notices.channel'), ctx.t('notices.status'), ctx.t('notices.people')],
        progress.map((p) => [ctx.say({ key: `common:channel.${p.channel}` }), ctx.say({ key: `cli:outbox.status.${p.status}` }), ctx.number(p.count)]),
        { numeric: [2] },
      )
}
<p><a href="${ctx.href('/agent/notices')}">${ctx.t('notices.back')}</a></p>`,
    );
  });
}

import { SUPPORTED_LANGUAGES } from '../domain/language';
import { html, type SafeHtml } from './html';
import { csrfField, doneNotice } from './components';
import type { PageContext } from './web-routes';

/** A link of a navigation bar: its path and the words (key under `web:nav.`). */
interface NavLink {
  readonly path: string;
  readonly key: string;
}

/** The public pages, for everyone. */
const PUBLIC_NAV: readonly NavLink[] = [
  { path: '/', key: 'assembly' },
  { path: '/consultations', key: 'consultations' },
  { path: '/ideas', key: 'ideas' },
  { path: '/draws', key: 'draws' },
  { path: '/join', key: 'join' },
];

/** The back-office, for agents. A new back-office page adds its link here. */
const AGENT_NAV: readonly NavLink[] = [
  { path: '/agent', key: 'dashboard' },
  { path: '/agent/sessions', key: 'sessions' },
  { path: '/agent/consultations', key: 'agent_consultations' },
  { path: '/agent/ideas', key: 'agent_ideas' },
  { path: '/agent/notices', key: 'notices' },
  { path: '/agent/draws', key: 'agent_draws' },
  { path: '/agent/people', key: 'people' },
  { path: '/agent/audit', key: 'audit' },
];

/** A mediator's own pages. */
const MEDIATOR_NAV: readonly NavLink[] = [{ path: '/mediator', key: 'my_people' }];

/** Whether `link` is the current page or the section it belongs to. */
function isCurrent(link: NavLink, path: string): boolean {
  if (link.path === '/' || link.path === '/agent' || link.path === '/mediator') return path === link.path;
  return path === link.path || path.startsWith(`${link.path}/`);
}

function navigation(ctx: PageContext, links: readonly NavLink[], label: string): SafeHtml {
  return html`<nav aria-label="${label}"><ul>${links.map(
    (link) => html`<li><a href="${ctx.href(link.path)}"${isCurrent(link, ctx.path) ? html` aria-current="page"` : ''}>${ctx.t(`nav.${link.key}`)}</a></li>`,
  )}</ul></nav>`;
}

/** The back-office bar: what the signed-in person may open, who they are, and signing out. */
function staffBar(ctx: PageContext): SafeHtml | '' {
  const session = ctx.session;
  if (!session) return '';
  const links = [...(session.roles.includes('agent') ? AGENT_NAV : []), ...(session.roles.includes('mediator') ? MEDIATOR_NAV : [])];
  const who = session.firstName ? ctx.t('staff.signed_in_as', { name: session.firstName, id: session.personId }) : ctx.t('staff.signed_in_as_number', { id: session.personId });
  return html`<div class="staff-bar">
  ${navigation(ctx, links, ctx.t('nav.staff_label'))}
  <form method="post" action="${ctx.href('/sign-out')}" class="sign-out">
    ${csrfField(ctx)}<span>${who}</span> <button type="submit">${ctx.t('staff.sign_out')}</button>
  </form>
</div>`;
}

/** Links to the page in the other languages, each written in its own language. */
function languageSwitch(ctx: PageContext): SafeHtml {
  const others = SUPPORTED_LANGUAGES.filter((language) => language !== ctx.language);
  return html`<ul class="languages" aria-label="${ctx.t('nav.languages')}">${others.map(
    (language) =>
      html`<li><a href="${ctx.href(`/language/${language}?back=${encodeURIComponent(ctx.path)}`)}" lang="${language}" hreflang="${language}">${ctx.say({ key: `common:language_name.${language}` })}</a></li>`,
  )}</ul>`;
}

/** The whole HTML document around a page: header, navigation, the page with its title, footer. */
export function layout(ctx: PageContext, title: string, body: SafeHtml): string {
  const city = ctx.app.settings.city.name;
  return html`<!doctype html>
<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${ctx.t('site.name', { city })}</title>
<link rel="stylesheet" href="${ctx.href('/assets/parlons.css')}">
<link rel="icon" href="${ctx.href('/assets/favicon.svg')}" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">${ctx.t('nav.skip')}</a>
<header class="site-header">
  <div class="site-title"><a href="${ctx.href('/')}">${ctx.t('site.name', { city })}</a></div>
  ${navigation(ctx, PUBLIC_NAV, ctx.t('nav.public_label'))}
  ${languageSwitch(ctx)}
</header>
${staffBar(ctx)}
<main id="main" tabindex="-1">
<h1>${title}</h1>
${doneNotice(ctx.done)}
${body}
</main>
<footer class="site-footer">
  <p>${ctx.t('site.footer', { city })}</p>
  <p>${ctx.session ? '' : html`<a href="${ctx.href('/sign-in')}">${ctx.t('nav.staff_sign_in')}</a>`}</p>
</footer>
</body>
</html>
`.value;
}

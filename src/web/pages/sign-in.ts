import { signIn, signInLinkUsable, signOut } from '../../web-access/web-sessions';
import { SIGN_IN_LINK_VALIDITY_MS } from '../../web-access/sign-in-link';
import { csrfField } from '../components';
import { html } from '../html';
import { page, type PageContext, type Reply, type WebRoutes } from '../web-routes';

/** A link's token as Parlons makes them (256 bits, base64url): anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** How to sign in: with a link asked for in chat. */
function howToSignIn(ctx: PageContext): ReturnType<typeof html> {
  return html`<p>${ctx.t('sign_in.how', { minutes: SIGN_IN_LINK_VALIDITY_MS / 60_000 })}</p><p>${ctx.t('sign_in.who')}</p>`;
}

function linkGone(ctx: PageContext): Reply {
  return page(ctx.t('sign_in.gone_title'), html`<p>${ctx.t('sign_in.gone')}</p>${howToSignIn(ctx)}`, 410);
}

/**
 * Signing in and out. Opening the link only shows a button: the link is spent when the person
 * presses it, so that a chat app fetching the link for a preview does not use it up.
 */
export function signInPages(routes: WebRoutes): void {
  routes.page('/sign-in', 'public', (ctx) => page(ctx.t('sign_in.title'), howToSignIn(ctx)));

  routes.page(
    '/sign-in/:token',
    'public',
    (ctx, { params }) => {
      const token = params.token ?? '';
      if (!TOKEN.test(token) || !signInLinkUsable(ctx.app.store, token, ctx.now)) return linkGone(ctx);
      return page(
        ctx.t('sign_in.title'),
        html`<p>${ctx.t('sign_in.confirm', { city: ctx.app.settings.city.name })}</p>
<form method="post" action="${ctx.href('/sign-in')}">${csrfField(ctx)}<input type="hidden" name="token" value="${token}">
<button type="submit">${ctx.t('sign_in.button')}</button></form>
<p class="hint">${ctx.t('sign_in.shared_computer')}</p>`,
      );
    },
    { rateLimited: true },
  );

  routes.form(
    '/sign-in',
    'public',
    (ctx, { form }) => {
      const token = form.get('token');
      const opened = TOKEN.test(token) ? signIn(ctx.app.store, token, ctx.now) : null;
      if (!opened) return linkGone(ctx);
      ctx.app.logger.info('web_signed_in', { person: opened.personId });
      const roles = ctx.app.store.people.find(opened.personId)?.roles ?? [];
      return { kind: 'redirect', to: roles.includes('agent') ? '/agent' : '/mediator', session: { open: opened.cookie } };
    },
    { rateLimited: true },
  );

  routes.form('/sign-out', 'staff', (ctx) => {
    if (ctx.session) signOut(ctx.app.store, ctx.session, ctx.now);
    return { kind: 'redirect', to: '/?done=signed_out', session: 'end' };
  });
}

import type { FastifyInstance } from 'fastify';

/**
 * NOTE: https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy — no script
 * at all, styles only from our stylesheet, forms only to ourselves, never in a frame.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Puts the security headers on every answer, pages and errors alike; HSTS when the site is served over HTTPS. */
export function addSecurityHeaders(fastify: FastifyInstance, https: boolean): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    void reply.header('x-frame-options', 'DENY');
    void reply.header('x-content-type-options', 'nosniff');
    // Sign-in links are secrets in a URL: never sent on to another site.
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (https) void reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
}

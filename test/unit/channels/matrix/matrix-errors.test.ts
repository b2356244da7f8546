import { MatrixError } from 'matrix-bot-sdk';
import { classifySendError } from '../../../../src/channels/matrix/matrix-errors';
import { MatrixHttpError } from '../../../../src/channels/matrix/matrix-http';

/** How failed Matrix calls become send outcomes (the dispatcher then retries or gives up). */
test.each([
  ['429 with a delay', new MatrixHttpError(429, 'M_LIMIT_EXCEEDED', 1500), { status: 'retry', reason: 'matrix_429 M_LIMIT_EXCEEDED', retryAfterMs: 1500 }],
  ['429 without a delay: the usual backoff', new MatrixHttpError(429, 'M_LIMIT_EXCEEDED', null), { status: 'retry', reason: 'matrix_429 M_LIMIT_EXCEEDED' }],
  ['403: the person left or bans the bot', new MatrixHttpError(403, 'M_FORBIDDEN', null), { status: 'failed', reason: 'matrix_403 M_FORBIDDEN', unreachable: true }],
  ['other 4xx: our mistake', new MatrixHttpError(400, 'M_BAD_JSON', null), { status: 'failed', reason: 'matrix_400 M_BAD_JSON' }],
  ['5xx', new MatrixHttpError(502, null, null), { status: 'retry', reason: 'matrix_502' }],
  ['the SDK’s 403 (room creation)', new MatrixError({ errcode: 'M_FORBIDDEN', error: 'no' }, 403), { status: 'failed', reason: 'matrix_403 M_FORBIDDEN', unreachable: true }],
  ['the SDK’s 429', new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'slow', retry_after_ms: 700 }, 429), { status: 'retry', reason: 'matrix_429 M_LIMIT_EXCEEDED', retryAfterMs: 700 }],
  ['the SDK’s bare response (a proxy’s 503)', { statusCode: 503, body: 'Service Unavailable' }, { status: 'retry', reason: 'matrix_503' }],
])('%s', (_name, error, expected) => {
  expect(classifySendError(error)).toEqual(expected);
});

test('a network failure is retried', () => {
  const error = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  expect(classifySendError(error)).toEqual({ status: 'retry', reason: 'network: ECONNREFUSED fetch failed' });
});

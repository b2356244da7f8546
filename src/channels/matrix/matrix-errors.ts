import { MatrixError } from 'matrix-bot-sdk';
import type { SendResult } from '../channel';
import { MatrixHttpError } from './matrix-http';

/** The status, errcode and delay of a failed call, whichever client made it. */
function httpFailure(error: unknown): { status: number; errcode: string | null; retryAfterMs: number | null } | null {
  if (error instanceof MatrixHttpError) return error;
  if (error instanceof MatrixError) return { status: error.statusCode, errcode: error.errcode ?? null, retryAfterMs: error.retryAfterMs ?? null };
  // matrix-bot-sdk throws the bare response for an error without a Matrix body (a proxy's 502).
  const response = error as { statusCode?: unknown };
  return typeof response?.statusCode === 'number' ? { status: response.statusCode, errcode: null, retryAfterMs: null } : null;
}

/**
 * Classifies a failed send (or the room creation before it).
 * NOTE: https://spec.matrix.org/v1.11/client-server-api/#standard-error-response —
 * 429 `M_LIMIT_EXCEEDED` says how long to wait; 403 `M_FORBIDDEN` means the bot may not write
 * to that person any more (they left, or ban the bot), which no retry changes; other 4xx are our
 * mistakes; 5xx and network failures pass.
 */
export function classifySendError(error: unknown): SendResult {
  const failure = httpFailure(error);
  if (!failure) {
    const err = error as { name?: string; cause?: { code?: string }; message?: string };
    return { status: 'retry', reason: `network: ${err.cause?.code ?? err.name ?? 'error'} ${err.message ?? ''}`.trim() };
  }
  const reason = `matrix_${failure.status}${failure.errcode ? ` ${failure.errcode}` : ''}`;
  if (failure.status === 429 || failure.errcode === 'M_LIMIT_EXCEEDED') {
    return failure.retryAfterMs !== null ? { status: 'retry', reason, retryAfterMs: failure.retryAfterMs } : { status: 'retry', reason };
  }
  if (failure.status === 403) return { status: 'failed', reason, unreachable: true };
  if (failure.status >= 500) return { status: 'retry', reason };
  return { status: 'failed', reason };
}

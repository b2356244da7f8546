/** A Client-Server API call that failed with an HTTP status. */
export class MatrixHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string | null,
    /** From `retry_after_ms` in the body, else from the `Retry-After` header. */
    readonly retryAfterMs: number | null,
  ) {
    super(`matrix ${status}${errcode ? ` ${errcode}` : ''}`);
    this.name = 'MatrixHttpError';
  }
}

/** Milliseconds to wait from a `Retry-After` header: seconds, or an HTTP date. */
function retryAfterHeaderMs(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** One call to the homeserver. */
export interface MatrixRequest {
  readonly method: 'GET' | 'PUT' | 'POST';
  /** The path, such as `/_matrix/client/v3/sync`, with its parts already encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Aborts the call (a long poll, when the channel stops). */
  readonly signal?: AbortSignal;
}

/**
 * Calls the Client-Server API with the access token and returns the JSON answer; throws
 * MatrixHttpError for an HTTP error, and fetch's own errors for network failures.
 *
 * NOTE: used for the two calls where matrix-bot-sdk's client falls short: /sync, whose long poll
 * must be aborted when the channel stops (the SDK's requests cannot be), and sending, whose
 * 429 may carry its delay only in the `Retry-After` header (the SDK's MatrixError drops
 * headers). https://spec.matrix.org/v1.11/client-server-api/#rate-limiting
 */
export async function matrixRequest(homeserverUrl: string, accessToken: string, request: MatrixRequest): Promise<unknown> {
  const url = new URL(homeserverUrl.replace(/\/+$/, '') + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: request.method,
    headers: { Authorization: `Bearer ${accessToken}`, ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const error = (body ?? {}) as { errcode?: unknown; retry_after_ms?: unknown };
  const retryAfterMs = typeof error.retry_after_ms === 'number' ? error.retry_after_ms : retryAfterHeaderMs(response.headers.get('retry-after'), Date.now());
  throw new MatrixHttpError(response.status, typeof error.errcode === 'string' ? error.errcode : null, retryAfterMs);
}

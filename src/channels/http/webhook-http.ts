/** What every webhook server of a channel needs: bodies read within a limit, refusals, guarded listening. */
import http from 'node:http';
import type { Logger } from '../../lib/logger';

/** What reading a request body gave: its bytes, or `too_large` once it passed the limit. */
export type BodyRead = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: 'too_large' };

/**
 * Reads a request body up to `limit` bytes, counting what actually arrives: a `Content-Length`
 * over the limit is refused unread, and so is a body sent without one (chunked) as soon as it
 * passes the limit — nothing past the limit is ever held in memory. The request is then left
 * paused: answer it with `refuseAndClose`.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too_large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve({ ok: false, reason: 'too_large' });
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', reject);
  });
}

/** How long a refused client has to read its answer before the connection is cut. */
const REFUSED_GRACE_MS = 1_000;
/** What a refused client may still send meanwhile, read and thrown away, before the connection is cut at once. */
const REFUSED_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Answers `status` and closes the connection (a body over the limit, a request refused before
 * its body was read). What the client still sends is read and thrown away, never kept, for a
 * moment and up to 16 MB, then the connection is cut.
 * NOTE: a socket closed while it still holds unread data sends a reset, and a reset makes the
 * client's system drop what it had received and not yet read: the answer itself. Node closes a
 * `Connection: close` response's socket so, at once; the answer is therefore sent as keep-alive
 * (Node then reads the rest of the body and throws it away) and the connection cut once the
 * client has had time to read it.
 */
export function refuseAndClose(req: http.IncomingMessage, res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders = {}): void {
  const socket = req.socket;
  let drained = 0;
  const cut = () => socket.destroy();
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > REFUSED_DRAIN_BYTES) cut();
  });
  res.once('finish', () => setTimeout(cut, REFUSED_GRACE_MS).unref());
  res.writeHead(status, headers).end();
}

/** Bounds on how long one request may take, against clients that send slowly to hold connections open. */
export function guardServer(server: http.Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
}

/** Starts `server` listening; rejects (EADDRINUSE…) without leaving it half-open. */
export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      server.close();
      reject(error);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** Stops accepting connections and ends idle ones; resolves once closed. */
export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * Starts a webhook's HTTP server on `host:port`: each request goes to `respond`; an error it
 * throws is logged as `failedEvent` (never with the body) and answered 500, so that the provider
 * sends again and nothing stops the process.
 */
export async function serveWebhook(
  where: { readonly host: string; readonly port: number },
  logger: Logger,
  failedEvent: string,
  respond: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    respond(req, res).catch((error: Error) => {
      logger.error(failedEvent, { error: error.message });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  guardServer(server);
  await listen(server, where.port, where.host);
  return server;
}

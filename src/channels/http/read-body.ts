import type http from 'node:http';

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

/**
 * Answers `status` and closes the connection, without reading what the client still sends (a
 * body over the limit, a request refused before its body was read): the client, blocked on its
 * writes, can read the answer for a moment, then the connection is cut.
 */
export function refuseAndClose(req: http.IncomingMessage, res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders = {}): void {
  res.once('finish', () => setTimeout(() => req.socket.destroy(), REFUSED_GRACE_MS).unref());
  res.writeHead(status, { ...headers, connection: 'close' }).end();
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

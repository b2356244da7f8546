import type { Db } from './database';

/** A link asked for in chat, as stored (its token only as a hash, once the link was sent). */
export interface WebSignInRecord {
  readonly id: number;
  readonly personId: number;
  readonly requestedAt: string;
  readonly sentAt: string | null;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** A signed-in browser, found by the hash of its cookie. */
export interface WebSessionRecord {
  readonly id: number;
  readonly personId: number;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

/** Sign-in links and web sessions. Secrets are given and looked up as hashes only. */
export interface WebAccessRepo {
  /** Records a link asked for; earlier links of the person not used yet stop working. */
  requestSignIn(personId: number, expiresAt: Date, now: Date): number;
  /**
   * Sets the token of a link being sent and how long it works from now on; false when the request
   * was used, replaced or expired meanwhile (the message must not be sent).
   */
  issueSignIn(id: number, tokenHash: string, expiresAt: Date, now: Date): boolean;
  findSignIn(id: number): WebSignInRecord | null;
  /** Spends a sent link by its token; the person it was for, or null when unknown, used or expired. */
  useSignIn(tokenHash: string, now: Date): number | null;
  /** Whether a sent link is still usable (shown before the person confirms). */
  signInUsable(tokenHash: string, now: Date): boolean;
  createSession(session: { tokenHash: string; personId: number; csrfToken: string }, now: Date): number;
  findSession(tokenHash: string): WebSessionRecord | null;
  /** Records activity on a session. */
  touchSession(id: number, now: Date): void;
  endSession(id: number): void;
  /** Ends every session of a person (their role was taken back); returns how many. */
  endSessionsOf(personId: number): number;
  /** Forgets links and sessions that can no longer be used. */
  prune(sessionsIdleSince: Date, now: Date): number;
}

interface SignInRow {
  id: number;
  person_id: number;
  requested_at: string;
  sent_at: string | null;
  expires_at: string;
  used_at: string | null;
}

interface SessionRow {
  id: number;
  person_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

/** WebAccessRepo on SQLite. */
export class SqliteWebAccessRepo implements WebAccessRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      retire: db.prepare<{ now: string; personId: number }>('UPDATE web_sign_in SET expires_at = @now WHERE person_id = @personId AND used_at IS NULL AND expires_at > @now'),
      request: db.prepare<[number, string, string]>('INSERT INTO web_sign_in (person_id, requested_at, expires_at) VALUES (?, ?, ?)'),
      issue: db.prepare<[string, string, string, number, string]>(
        'UPDATE web_sign_in SET token_hash = ?, sent_at = ?, expires_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?',
      ),
      findSignIn: db.prepare<[number], SignInRow>('SELECT id, person_id, requested_at, sent_at, expires_at, used_at FROM web_sign_in WHERE id = ?'),
      use: db.prepare<[string, string, string], { person_id: number }>(
        'UPDATE web_sign_in SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING person_id',
      ),
      usable: db.prepare<[string, string], { id: number }>('SELECT id FROM web_sign_in WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?'),
      createSession: db.prepare<[string, number, string, string, string]>(
        'INSERT INTO web_session (token_hash, person_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      ),
      findSession: db.prepare<[string], SessionRow>('SELECT id, person_id, csrf_token, created_at, last_seen_at FROM web_session WHERE token_hash = ?'),
      touch: db.prepare<[string, number]>('UPDATE web_session SET last_seen_at = ? WHERE id = ?'),
      endSession: db.prepare<[number]>('DELETE FROM web_session WHERE id = ?'),
      endSessionsOf: db.prepare<[number]>('DELETE FROM web_session WHERE person_id = ?'),
      pruneSessions: db.prepare<[string]>('DELETE FROM web_session WHERE last_seen_at < ?'),
      pruneSignIns: db.prepare<[string]>('DELETE FROM web_sign_in WHERE expires_at <= ? OR used_at IS NOT NULL'),
    };
  }

  requestSignIn(personId: number, expiresAt: Date, now: Date): number {
    return this.db.transaction(() => {
      this.statements.retire.run({ now: now.toISOString(), personId });
      return Number(this.statements.request.run(personId, now.toISOString(), expiresAt.toISOString()).lastInsertRowid);
    })();
  }

  issueSignIn(id: number, tokenHash: string, expiresAt: Date, now: Date): boolean {
    return this.statements.issue.run(tokenHash, now.toISOString(), expiresAt.toISOString(), id, now.toISOString()).changes === 1;
  }

  findSignIn(id: number): WebSignInRecord | null {
    const row = this.statements.findSignIn.get(id);
    return row ? { id: row.id, personId: row.person_id, requestedAt: row.requested_at, sentAt: row.sent_at, expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  useSignIn(tokenHash: string, now: Date): number | null {
    return this.statements.use.get(now.toISOString(), tokenHash, now.toISOString())?.person_id ?? null;
  }

  signInUsable(tokenHash: string, now: Date): boolean {
    return this.statements.usable.get(tokenHash, now.toISOString()) !== undefined;
  }

  createSession(session: { tokenHash: string; personId: number; csrfToken: string }, now: Date): number {
    const at = now.toISOString();
    return Number(this.statements.createSession.run(session.tokenHash, session.personId, session.csrfToken, at, at).lastInsertRowid);
  }

  findSession(tokenHash: string): WebSessionRecord | null {
    const row = this.statements.findSession.get(tokenHash);
    return row ? { id: row.id, personId: row.person_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : null;
  }

  touchSession(id: number, now: Date): void {
    this.statements.touch.run(now.toISOString(), id);
  }

  endSession(id: number): void {
    this.statements.endSession.run(id);
  }

  endSessionsOf(personId: number): number {
    return this.statements.endSessionsOf.run(personId).changes;
  }

  prune(sessionsIdleSince: Date, now: Date): number {
    return this.statements.pruneSessions.run(sessionsIdleSince.toISOString()).changes + this.statements.pruneSignIns.run(now.toISOString()).changes;
  }
}

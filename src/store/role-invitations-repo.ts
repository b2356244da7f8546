import type { StaffRole } from '../domain/role';
import type { Db } from './database';

/** A one-time code's record (the code itself is never stored, only its hash). */
export interface RoleInvitationRecord {
  readonly id: number;
  readonly role: StaffRole;
  readonly organisation: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
  readonly usedBy: number | null;
}

/** One-time codes that give a staff role to whoever sends them in chat. */
export interface RoleInvitationsRepo {
  create(invitation: { codeHash: string; role: StaffRole; organisation: string | null; expiresAt: Date }, now: Date): number;
  findByHash(codeHash: string): RoleInvitationRecord | null;
  /** Marks the code used by `personId`; false when it was used already (a race between two chats). */
  markUsed(id: number, personId: number, now: Date): boolean;
}

interface InvitationRow {
  id: number;
  role: StaffRole;
  organisation: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: number | null;
}

/** RoleInvitationsRepo on SQLite. */
export class SqliteRoleInvitationsRepo implements RoleInvitationsRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare(
        'INSERT INTO role_invitation (code_hash, role, organisation, created_at, expires_at) VALUES (@codeHash, @role, @organisation, @createdAt, @expiresAt)',
      ),
      find: db.prepare<[string], InvitationRow>('SELECT id, role, organisation, created_at, expires_at, used_at, used_by FROM role_invitation WHERE code_hash = ?'),
      markUsed: db.prepare<[string, number, number]>('UPDATE role_invitation SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL'),
    };
  }

  create(invitation: { codeHash: string; role: StaffRole; organisation: string | null; expiresAt: Date }, now: Date): number {
    const result = this.statements.insert.run({
      codeHash: invitation.codeHash,
      role: invitation.role,
      organisation: invitation.organisation,
      createdAt: now.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
    });
    return Number(result.lastInsertRowid);
  }

  findByHash(codeHash: string): RoleInvitationRecord | null {
    const row = this.statements.find.get(codeHash);
    return row
      ? { id: row.id, role: row.role, organisation: row.organisation, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at, usedBy: row.used_by }
      : null;
  }

  markUsed(id: number, personId: number, now: Date): boolean {
    return this.statements.markUsed.run(now.toISOString(), personId, id).changes > 0;
  }
}

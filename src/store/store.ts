import { SqliteAuditRepo, type AuditRepo } from './audit-repo';
import { SqliteContactsRepo, type ContactsRepo } from './contacts-repo';
import { SqliteConversationsRepo, type ConversationsRepo } from './conversations-repo';
import { SqliteBroadcastsRepo, type BroadcastsRepo } from './broadcasts-repo';
import { SqliteConsultationsRepo, type ConsultationsRepo } from './consultations-repo';
import type { Db } from './database';
import { SqliteDrawsRepo, type DrawsRepo } from './draws-repo';
import { SqliteProfileAnswersRepo, type ProfileAnswersRepo } from './profile-answers-repo';
import { SqliteDigestRepo, type DigestRepo } from './digest-repo';
import { SqliteGroupChatsRepo, type GroupChatsRepo } from './group-chats-repo';
import { SqliteIdeasRepo, type IdeasRepo } from './ideas-repo';
import { SqliteMatrixCryptoRepo, type MatrixCryptoRepo } from './matrix-crypto-repo';
import { SqliteMatrixStateRepo, type MatrixStateRepo } from './matrix-state-repo';
import { SqliteMediationRepo, type MediationRepo } from './mediation-repo';
import { SqliteOutboxRepo, type OutboxRepo } from './outbox-repo';
import { SqlitePeopleRepo, type PeopleRepo } from './people-repo';
import { SqliteRoleInvitationsRepo, type RoleInvitationsRepo } from './role-invitations-repo';
import { SqliteSessionsRepo, type SessionsRepo } from './sessions-repo';
import { SqliteStatsRepo, type StatsRepo } from './stats-repo';
import { SqliteWebAccessRepo, type WebAccessRepo } from './web-access-repo';

/** Every repository over one database connection. */
export interface Store {
  readonly db: Db;
  readonly people: PeopleRepo;
  readonly contacts: ContactsRepo;
  readonly conversations: ConversationsRepo;
  readonly outbox: OutboxRepo;
  readonly stats: StatsRepo;
  readonly groupChats: GroupChatsRepo;
  readonly broadcasts: BroadcastsRepo;
  readonly sessions: SessionsRepo;
  readonly ideas: IdeasRepo;
  readonly consultations: ConsultationsRepo;
  readonly matrix: MatrixStateRepo;
  readonly matrixCrypto: MatrixCryptoRepo;
  readonly audit: AuditRepo;
  readonly mediation: MediationRepo;
  readonly roleInvitations: RoleInvitationsRepo;
  readonly digest: DigestRepo;
  readonly draws: DrawsRepo;
  readonly profileAnswers: ProfileAnswersRepo;
  readonly webAccess: WebAccessRepo;
}

/** Builds the repositories over a migrated database. */
export function createStore(db: Db): Store {
  const matrix = new SqliteMatrixStateRepo(db);
  return {
    db,
    people: new SqlitePeopleRepo(db),
    contacts: new SqliteContactsRepo(db),
    conversations: new SqliteConversationsRepo(db),
    outbox: new SqliteOutboxRepo(db),
    stats: new SqliteStatsRepo(db),
    groupChats: new SqliteGroupChatsRepo(db),
    broadcasts: new SqliteBroadcastsRepo(db),
    sessions: new SqliteSessionsRepo(db),
    ideas: new SqliteIdeasRepo(db),
    consultations: new SqliteConsultationsRepo(db),
    matrix,
    matrixCrypto: new SqliteMatrixCryptoRepo(db, matrix),
    audit: new SqliteAuditRepo(db),
    mediation: new SqliteMediationRepo(db),
    roleInvitations: new SqliteRoleInvitationsRepo(db),
    digest: new SqliteDigestRepo(db),
    draws: new SqliteDrawsRepo(db),
    profileAnswers: new SqliteProfileAnswersRepo(db),
    webAccess: new SqliteWebAccessRepo(db),
  };
}

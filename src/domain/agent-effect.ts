import type { AudienceFilter } from './audience';
import type { Language } from './language';

/**
 * What an agent does from the agent desk in chat. Applied only for a person holding the agent
 * role, from their own contact point, and each recorded in the audit.
 */
export type AgentEffect =
  | {
      readonly type: 'send_broadcast';
      readonly audience: readonly AudienceFilter[];
      /** The notice in each language the agent wrote it in; the default language's is always there (and read by those with no version in theirs). */
      readonly texts: Readonly<Partial<Record<Language, string>>>;
    }
  | { readonly type: 'approve_idea'; readonly ideaId: number }
  /** The reason is sent to the author as the agent wrote it. */
  | { readonly type: 'reject_idea'; readonly ideaId: number; readonly reason: string }
  /** The agent looked at a consultation's participation: only recorded in the audit. */
  | { readonly type: 'view_participation'; readonly consultationId: number };

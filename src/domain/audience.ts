import type { RsvpAnswer } from './assembly-session';
import type { Language } from './language';
import type { Role } from './role';

/** One condition on who receives a broadcast; several are all required. Persisted as JSON. */
export type AudienceFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'volunteers' }
  /** People who accepted the privacy notice and have not withdrawn. */
  | { readonly kind: 'registered' }
  /** Volunteers and people drawn by lot. */
  | { readonly kind: 'assembly_members' }
  | { readonly kind: 'neighbourhood'; readonly neighbourhood: string }
  | { readonly kind: 'language'; readonly language: Language }
  | { readonly kind: 'role'; readonly role: Role }
  /** One person (to tell them something that concerns only them). */
  | { readonly kind: 'person'; readonly personId: number }
  /** People who gave one of these answers to a session. */
  | { readonly kind: 'session_answer'; readonly sessionId: number; readonly answers: readonly RsvpAnswer[] };

import type { Language } from './language';
import type { Role } from './role';

/** One condition on who receives a broadcast; several are all required. Persisted as JSON. */
export type AudienceFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'volunteers' }
  | { readonly kind: 'neighbourhood'; readonly neighbourhood: string }
  | { readonly kind: 'language'; readonly language: Language }
  | { readonly kind: 'role'; readonly role: Role };

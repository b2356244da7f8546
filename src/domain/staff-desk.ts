import type { AgentDesk } from './agent-desk';
import type { SupportedPerson } from './mediation';

/**
 * What staff menus show, read from the store on first use within a turn (like `Participation`),
 * so that flows stay pure. Empty for people without the role: flows never offer staff entries to
 * them anyway, and the loader reads only what the person's roles allow.
 */
export interface StaffDesk extends AgentDesk {
  /** The people this mediator supports, by first name. */
  supportedPeople(): readonly SupportedPerson[];
}

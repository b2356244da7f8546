/** Roles a person can hold. Persisted in `person_role.role`. */
export const ROLES = ['resident', 'mediator', 'agent', 'admin'] as const;
/** A role id. */
export type Role = (typeof ROLES)[number];

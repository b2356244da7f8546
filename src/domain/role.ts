/** Roles a person can hold. Persisted in `person_role.role`; `assembly_member`: drawn by lot to sit in the assembly. */
export const ROLES = ['resident', 'mediator', 'agent', 'admin', 'assembly_member'] as const;
/** A role id. */
export type Role = (typeof ROLES)[number];

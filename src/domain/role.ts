/** Roles a person can hold. Persisted in `person_role.role`; `assembly_member`: drawn by lot to sit in the assembly. */
export const ROLES = ['resident', 'mediator', 'agent', 'admin', 'assembly_member'] as const;
/** A role id. */
export type Role = (typeof ROLES)[number];

/** Roles that open staff menus in chat, granted by an admin (CLI) or a one-time invitation code. */
export const STAFF_ROLES = ['mediator', 'agent'] as const;
/** A staff role id. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles the CLI grants: the staff roles, and membership of the assembly (people drawn by lot). */
export const GRANTABLE_ROLES = ['mediator', 'agent', 'assembly_member'] as const;
/** A role the CLI grants. */
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** Whether `value` names a role the CLI grants. */
export function isGrantableRole(value: string): value is GrantableRole {
  return (GRANTABLE_ROLES as readonly string[]).includes(value);
}

/** Whether `value` names a staff role. */
export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

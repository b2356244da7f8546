import type { Migration } from './migration';

/**
 * Wrong invitation codes are recorded in the audit (`role_invitation_refused`), with the contact
 * point they came from; counting a contact point's recent ones, to slow down guessing, needs
 * this index.
 */
export const invitationGuesses: Migration = {
  version: 12,
  name: 'invitation_guesses',
  sql: `
    CREATE INDEX audit_event_contact_action ON audit_event (contact_id, action, at);
  `,
};

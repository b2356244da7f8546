import { text } from '../../domain/text';
import type { StepDefinition } from '../engine/flow-definition';

/**
 * The privacy notice as a question (accept, learn more, refuse) and its details, under the step
 * ids a flow already uses (they are persisted): `notice` asks; `details` and `rights` explain, then it asks again.
 */
export function privacyNoticeSteps(ids: {
  readonly notice: string;
  readonly details: string;
  readonly rights: string;
  readonly accepted: string;
  readonly refused: string;
}): Record<string, StepDefinition> {
  return {
    [ids.notice]: {
      type: 'choice',
      prompt: [{ key: 'privacy:notice', view: 'privacy_notice' }],
      choices: [
        { id: 'accept', label: text('registration:consent.accept') },
        { id: 'details', label: text('registration:consent.details') },
        { id: 'refuse', label: text('registration:consent.refuse') },
      ],
      next: { byChoice: { accept: ids.accepted, details: ids.details, refuse: ids.refused } },
    },
    // Two messages rather than one: by SMS, each stays within three segments.
    [ids.details]: { type: 'say', say: [{ key: 'privacy:details', view: 'privacy_notice' }], next: ids.rights },
    [ids.rights]: { type: 'say', say: [{ key: 'privacy:details_rights', view: 'privacy_notice' }], next: ids.notice },
  };
}

/**
 * Steps that make sure the person accepted the privacy notice before anything they say is kept
 * (an idea, a ballot): people who registered as volunteers did already; others see the same
 * notice, and nothing is recorded if they refuse. Enter at `consent_check`.
 */
export function participationConsentSteps(then: string, ifRefused: string): Record<string, StepDefinition> {
  return {
    consent_check: { type: 'branch', condition: 'has_consent', then, else: 'consent_notice' },
    ...privacyNoticeSteps({ notice: 'consent_notice', details: 'consent_details', rights: 'consent_rights', accepted: 'consent_give', refused: 'consent_refused' }),
    consent_give: { type: 'action', action: 'give_consent', next: then },
    consent_refused: { type: 'say', say: [text('privacy:participation_refused')], next: ifRefused },
  };
}

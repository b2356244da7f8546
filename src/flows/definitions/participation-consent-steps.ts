import { text } from '../../domain/text';
import type { StepDefinition } from '../engine/flow-definition';

/**
 * Steps that make sure the person accepted the privacy notice before anything they say is kept
 * (an idea, a ballot): people who registered as volunteers did already; others see the same
 * notice, and nothing is recorded if they refuse. Enter at `consent_check`.
 */
export function participationConsentSteps(then: string, ifRefused: string): Record<string, StepDefinition> {
  return {
    consent_check: { type: 'branch', condition: 'has_consent', then, else: 'consent_notice' },
    consent_notice: {
      type: 'choice',
      prompt: [{ key: 'privacy:notice', view: 'privacy_notice' }],
      choices: [
        { id: 'accept', label: text('registration:consent.accept') },
        { id: 'details', label: text('registration:consent.details') },
        { id: 'refuse', label: text('registration:consent.refuse') },
      ],
      next: { byChoice: { accept: 'consent_give', details: 'consent_details', refuse: 'consent_refused' } },
    },
    consent_details: { type: 'say', say: [{ key: 'privacy:details', view: 'privacy_notice' }], next: 'consent_notice' },
    consent_give: { type: 'action', action: 'give_consent', next: then },
    consent_refused: { type: 'say', say: [text('privacy:participation_refused')], next: ifRefused },
  };
}

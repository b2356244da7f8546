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
 * Steps that make sure the person accepted the privacy notice before anything they do is kept
 * (an idea, a support, a ballot): people who registered as volunteers did already; others see
 * the same notice, and nothing is recorded if they refuse. Enter at `<prefix>_check`; a flow that
 * asks in two places gives each its prefix (step ids are persisted: `consent` is the first's).
 */
export function participationConsentSteps(then: string, ifRefused: string, prefix = 'consent'): Record<string, StepDefinition> {
  const id = (name: string) => `${prefix}_${name}`;
  return {
    [id('check')]: { type: 'branch', condition: 'has_consent', then, else: id('notice') },
    ...privacyNoticeSteps({ notice: id('notice'), details: id('details'), rights: id('rights'), accepted: id('give'), refused: id('refused') }),
    [id('give')]: { type: 'action', action: 'give_consent', next: then },
    [id('refused')]: { type: 'say', say: [text('privacy:participation_refused')], next: ifRefused },
  };
}

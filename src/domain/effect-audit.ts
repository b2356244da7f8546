import type { AuditDetail } from './audit';
import type { Effect } from './effect';

/**
 * What the audit keeps of an effect a mediator applied for someone: ids and choices that are not
 * secret, never text the person dictated and never how they voted (a ballot is recorded as cast,
 * in which consultation, and nothing more).
 */
export function effectAuditDetail(effect: Effect): AuditDetail {
  switch (effect.type) {
    case 'set_language':
      return { language: effect.language };
    case 'answer_session':
      return { session_id: effect.sessionId, answer: effect.answer };
    case 'give_consent':
      return { notice_version: effect.noticeVersion };
    case 'register_volunteer':
      return { notice_version: effect.consent.noticeVersion };
    case 'submit_idea':
      return { call_id: effect.callId };
    case 'support_idea':
    case 'withdraw_idea_support':
    case 'approve_idea':
    case 'reject_idea':
      return { idea_id: effect.ideaId };
    case 'cast_ballot':
    case 'view_participation':
      return { consultation_id: effect.consultationId };
    case 'answer_draw':
      return { seat_id: effect.seatId, answer: effect.answer };
    case 'start_acting':
      return { person_id: effect.personId };
    case 'register_mediated_person':
      return { consent_method: effect.consent.method };
    case 'update_profile':
    case 'withdraw_volunteer':
    case 'opt_out':
    case 'opt_in':
    case 'erase_person':
    case 'send_broadcast':
      return {};
  }
}

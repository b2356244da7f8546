import { text } from '../../domain/text';
import type { ChoiceOption, ChoiceStep, FlowDefinition } from '../engine/flow-definition';

const ANSWERS: readonly ChoiceOption[] = [
  { id: 'accept', label: text('draws:invitation.accept') },
  { id: 'decline', label: text('draws:invitation.decline') },
  { id: 'later', label: text('draws:invitation.later') },
];

/**
 * The invitation's messages are about its seat: not delivered once the seat is answered (from
 * another channel, by a mediator) or its delay is past (the outbox expires them).
 */
const ABOUT_SEAT = { drawSeat: 'seat_id' };

/** Accept, decline or later, asked with the text `key` (the invitation, or its reminder). */
function question(key: string): ChoiceStep {
  return { type: 'choice', prompt: [{ key, view: 'draw_invitation' }], choices: ANSWERS, about: ABOUT_SEAT, assign: 'draw_answer', next: { byChoice: { later: 'later' }, otherwise: 'save' } };
}

/**
 * The invitation of a person drawn by lot (or its reminder): accept, decline, or answer later.
 * It interrupts what the person was doing, which resumes after (see inviteSeat); the main menu
 * offers it again while a seat waits. It is open only while the seat waits: once answered
 * elsewhere or past its delay, the person is back at the menu.
 */
export const drawInvitationFlow: FlowDefinition = {
  id: 'draw_invitation',
  version: 1,
  start: 'pick',
  when: 'draw_invitation_open',
  steps: {
    pick: { type: 'action', action: 'pick_draw_invitation', next: { byOutcome: { invitation: 'check_reminder', reminder: 'remind' } } },
    check_reminder: { type: 'branch', condition: 'is_draw_reminder', then: 'remind', else: 'intro' },
    // Two messages: what the draw is, then the question (by SMS, each within three segments).
    intro: { type: 'say', say: [{ key: 'draws:invitation.intro', view: 'draw_invitation' }], about: ABOUT_SEAT, next: 'ask' },
    ask: question('draws:invitation.ask'),
    remind: question('draws:invitation.reminder'),
    save: { type: 'action', action: 'answer_draw', next: { byOutcome: { accepted: 'accepted', declined: 'declined' } } },
    accepted: { type: 'say', say: [{ key: 'draws:invitation.accepted', view: 'draw_invitation' }], next: 'done' },
    declined: { type: 'say', say: [text('draws:invitation.declined')], next: 'done' },
    later: { type: 'say', say: [{ key: 'draws:invitation.later_said', view: 'draw_invitation' }], next: 'done' },
    done: { type: 'end', otherwise: 'main_menu' },
  },
};

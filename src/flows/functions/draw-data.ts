import { invitationParams, type DrawInvitation } from '../../domain/draw-invitation';
import { agentTextValue, text, type TextParam } from '../../domain/text';
import { formatLocalDateTime } from '../../lib/local-time';
import type { ActionResult, StepContext } from '../engine/flow-functions';

/** Invitations still to answer, less those answered during this turn (the store learns it after). */
export function unansweredInvitations(ctx: StepContext): DrawInvitation[] {
  const answered = ctx.person.answeredSeats ?? [];
  return ctx.participation.drawInvitations().filter((i) => !answered.includes(i.seatId));
}

/**
 * The invitation this conversation is about (`seat_id`, even if answered during this turn, for
 * the thanks), or, before one is chosen, the soonest due; null when none waits.
 */
export function chosenInvitation(ctx: StepContext): DrawInvitation | null {
  const seatId = ctx.data.seat_id;
  if (seatId === undefined || seatId === null) return unansweredInvitations(ctx)[0] ?? null;
  return ctx.participation.drawInvitations().find((i) => i.seatId === Number(seatId)) ?? null;
}

/** The invitation's texts in the person's language. */
export function invitationView(ctx: StepContext): Record<string, TextParam> {
  const invitation = chosenInvitation(ctx);
  // The flow is open only while an invitation waits (its `when`): this is only a guard.
  return invitation ? invitationParams(invitation) : {};
}

/** Every draw the person was in, one line each (MES DONNÉES). */
export function drawSeatLines(ctx: StepContext): Record<string, TextParam> {
  return {
    draws: ctx.participation.drawSeats().map((seat) =>
      text('privacy:my_data.draw', {
        name: agentTextValue(seat.name),
        when: formatLocalDateTime(seat.invitedAt, ctx.settings.city.timeZone),
        answer: text(`draws:seat_status.${seat.status}`),
        pseudonym: seat.pseudonym,
      }),
    ),
  };
}

/** The draw actions: which invitation, and the answer to it. */
export const drawActions: Readonly<Record<string, (ctx: StepContext) => ActionResult>> = {
  /** Holds on to the invitation the conversation is about (a reminder says so in its outcome). */
  pick_draw_invitation: (ctx) => {
    const invitation = chosenInvitation(ctx);
    return { outcome: ctx.data.reminder === true ? 'reminder' : 'invitation', data: { seat_id: invitation?.seatId ?? null } };
  },

  /** Accepts or declines the seat; the store refuses an answer that comes too late (the person is told). */
  answer_draw: (ctx) => {
    const invitation = unansweredInvitations(ctx).find((i) => i.seatId === Number(ctx.data.seat_id)) ?? null;
    const answer = ctx.data.draw_answer === 'accept' ? 'accepted' : 'declined';
    if (!invitation) return { outcome: answer };
    return { outcome: answer, effects: [{ type: 'answer_draw', seatId: invitation.seatId, answer }] };
  },
};

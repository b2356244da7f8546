import type { SessionView } from '../../domain/assembly-session';
import { agentTextValue, live, literal, text, type TextParam } from '../../domain/text';
import type { StepContext } from '../engine/flow-functions';
import { GoneError } from '../engine/flow-errors';

/** The session the flow is about (`data.session_id`), if it is still planned. */
export function chosenSession(ctx: StepContext): SessionView | null {
  const id = Number(ctx.data.session_id);
  return ctx.sessions.find((s) => s.id === id) ?? null;
}

/** The session the flow is about; it may have been cancelled or have started since the question was asked. */
export function requireSession(ctx: StepContext): SessionView {
  const session = chosenSession(ctx);
  if (!session) throw new GoneError(text('sessions:gone'));
  return session;
}

/** A session's title, in the reader's language when it is sent (agents wrote it). */
export function sessionTitle(session: SessionView): TextParam {
  return agentTextValue(session.title);
}

/**
 * Everything a message about a session shows. Title, time, place and description are read again
 * when the message is sent: a session moved after its reminder was queued shows its new time.
 */
export function sessionParams(session: SessionView): Record<string, TextParam> {
  const description = session.description ? text('sessions:description_line', { text: agentTextValue(session.description) }) : '';
  const id = session.id;
  return {
    title: live({ session: id, field: 'title' }, sessionTitle(session)),
    when: live({ session: id, field: 'start' }, { dateTime: session.startsAt }),
    place: live({ session: id, field: 'place' }, literal(session.place)),
    description: live({ session: id, field: 'description_line' }, description),
    answer: text(`sessions:answer.${session.myAnswer ?? 'none'}`),
  };
}

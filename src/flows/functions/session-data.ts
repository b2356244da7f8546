import { agentText, type SessionView } from '../../domain/assembly-session';
import { literal, text, type TextParam } from '../../domain/text';
import type { StepContext } from '../engine/flow-functions';

/** The session the flow is about (`data.session_id`), if it is still planned. */
export function chosenSession(ctx: StepContext): SessionView | null {
  const id = Number(ctx.data.session_id);
  return ctx.sessions.find((s) => s.id === id) ?? null;
}

/** A session's title in the person's language, as a literal (agents wrote it). */
export function sessionTitle(session: SessionView, ctx: StepContext): TextParam {
  return literal(agentText(session.title, ctx.person.language, ctx.settings.defaultLanguage));
}

/** Everything a message about a session shows, rendered in the reader's language. */
export function sessionParams(session: SessionView, ctx: StepContext): Record<string, TextParam> {
  const description = session.description ? agentText(session.description, ctx.person.language, ctx.settings.defaultLanguage) : '';
  return {
    title: sessionTitle(session, ctx),
    when: { dateTime: session.startsAt },
    place: literal(session.place),
    description: description ? text('sessions:description_line', { text: literal(description) }) : '',
    answer: text(`sessions:answer.${session.myAnswer ?? 'none'}`),
  };
}

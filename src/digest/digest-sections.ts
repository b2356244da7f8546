import { type AgentText, type RsvpAnswer } from '../domain/assembly-session';
import type { City } from '../domain/city';
import type { DigestItem, DigestItemKind } from '../domain/digest';
import { personLabel } from '../domain/person-label';
import { agentTextValue, conjunction, literal, text, type ConjunctionParam, type Text } from '../domain/text';
import type { Store } from '../store/store';

/** A person a digest paragraph is about, with their answer when it is about a session. */
export interface DigestPerson {
  readonly label: Text;
  readonly answer: RsvpAnswer | null;
}

/** One paragraph of a digest (a session, a consultation, a notice, an idea) and the people it concerns. */
export interface DigestSection {
  readonly people: readonly DigestPerson[];
  /** The paragraph about `people`: all of them, or a share when a channel needs shorter messages. */
  text(people: readonly DigestPerson[]): Text;
}

/** Who the digest is for, and when it is written: what it reads is as of `now`. */
export interface DigestContext {
  readonly store: Store;
  readonly city: City;
  readonly now: Date;
}

/** A section and where it goes: sessions by date first, then consultations, notices, ideas (in the order they came). */
interface Placed {
  readonly rank: number;
  readonly date: string;
  readonly section: DigestSection;
}

/** Session answers in the order the digest tells them; null: not answered yet. */
const ANSWER_ORDER: readonly (RsvpAnswer | null)[] = ['yes', 'maybe', 'no', null];

/** The people of a paragraph joined in a sentence, and their number (for plural forms). */
function named(group: readonly DigestPerson[]): { count: number; people: ConjunctionParam } {
  return { count: group.length, people: conjunction(group.map((p) => p.label)) };
}

/** Builds each kind's section from the people concerned (ids), or null when it is no longer news. */
type SectionBuilder = (ctx: DigestContext, refId: number, personIds: readonly number[], label: (id: number) => Text) => Placed | null;

const BUILDERS: Readonly<Record<DigestItemKind, SectionBuilder>> = {
  session_reminder(ctx, sessionId, personIds, label) {
    const session = ctx.store.sessions.find(sessionId);
    if (!session || session.status === 'cancelled' || new Date(session.startsAt) <= ctx.now) return null;
    // Answers as they stand now: the mediator may have answered for someone since the reminder.
    const answers = new Map(ctx.store.sessions.rsvps(sessionId).map((r) => [r.personId, r.answer]));
    const title = agentTextValue(session.title);
    return {
      rank: 0,
      date: session.startsAt,
      section: {
        people: personIds.map((id) => ({ label: label(id), answer: answers.get(id) ?? null })),
        text: (shown) =>
          text('digest:session', {
            title,
            when: { dateTime: session.startsAt },
            responses: ANSWER_ORDER.flatMap((answer) => {
              const group = shown.filter((p) => p.answer === answer);
              return group.length > 0 ? [text(`digest:answer.${answer ?? 'none'}`, named(group))] : [];
            }),
          }),
      },
    };
  },
  session_cancelled(ctx, sessionId, personIds, label) {
    const session = ctx.store.sessions.find(sessionId);
    if (!session || new Date(session.startsAt) <= ctx.now) return null;
    const title = agentTextValue(session.title);
    return {
      rank: 0,
      date: session.startsAt,
      section: {
        people: personIds.map((id) => ({ label: label(id), answer: null })),
        text: (shown) => text('digest:session_cancelled', { title, when: { dateTime: session.startsAt }, ...named(shown) }),
      },
    };
  },
  consultation_opened(ctx, consultationId, personIds, label) {
    const consultation = ctx.store.consultations.find(consultationId);
    if (!consultation || consultation.status !== 'open') return null;
    // Someone the mediator already answered for needs nothing more.
    const waiting = personIds.filter((id) => !ctx.store.consultations.ballotsOf(id).has(consultationId));
    if (waiting.length === 0) return null;
    const title = agentTextValue(consultation.title);
    return {
      rank: 1,
      date: '',
      section: {
        people: waiting.map((id) => ({ label: label(id), answer: null })),
        text: (shown) => text('digest:consultation', { title, until: { dateTime: consultation.closesAt }, ...named(shown) }),
      },
    };
  },
  notice(ctx, broadcastId, personIds, label) {
    const broadcast = ctx.store.broadcasts.find(broadcastId);
    if (!broadcast) return null;
    const notice = agentTextValue(broadcast.texts as AgentText);
    return {
      rank: 2,
      date: '',
      section: {
        people: personIds.map((id) => ({ label: label(id), answer: null })),
        text: (shown) => text('digest:notice', { people: named(shown).people, text: notice }),
      },
    };
  },
  draw_invitation(ctx, drawId, personIds, label) {
    const draw = ctx.store.draws.find(drawId);
    if (!draw) return null;
    // Only those still to answer, as of now: the mediator may have answered for someone since.
    const waiting = ctx.store.draws.seats(drawId).filter((s) => s.status === 'waiting' && s.personId !== null && personIds.includes(s.personId) && new Date(s.answerBy) > ctx.now);
    if (waiting.length === 0) return null;
    const until = waiting.map((s) => s.answerBy).sort()[0] as string;
    return {
      rank: 1,
      date: until,
      section: {
        people: waiting.map((s) => ({ label: label(s.personId as number), answer: null })),
        text: (shown) => text('digest:draw_invitation', { title: agentTextValue(draw.definition.name), until: { dateTime: until }, ...named(shown) }),
      },
    };
  },
  idea_decision(ctx, ideaId, personIds, label) {
    const idea = ctx.store.ideas.find(ideaId);
    if (!idea || idea.status === 'pending') return null;
    const into = idea.mergedInto === null ? null : ctx.store.ideas.find(idea.mergedInto);
    const params = { title: literal(idea.title), reason: literal(idea.reason ?? ''), into: literal(into?.title ?? '') };
    return {
      rank: 3,
      date: '',
      section: {
        people: personIds.map((id) => ({ label: label(id), answer: null })),
        text: (shown) => text(`digest:idea.${idea.status}`, { ...params, people: named(shown).people }),
      },
    };
  },
};

/**
 * A mediator's waiting items as the digest's paragraphs: one per session, consultation, notice or
 * idea, naming every supported person it concerns (each once). What is no longer news is left
 * out: a session cancelled or started (its cancellation is told on its own), a consultation
 * closed or already answered for everyone, an idea or notice that no longer exists.
 */
export function digestSections(ctx: DigestContext, mediatorId: number, items: readonly DigestItem[]): DigestSection[] {
  const supported = new Map(ctx.store.mediation.supportedBy(mediatorId).map((p) => [p.id, p]));
  const label = (id: number): Text => personLabel(supported.get(id) ?? { id, firstName: null, neighbourhood: null }, ctx.city);
  const groups = new Map<string, { kind: DigestItemKind; refId: number; personIds: Set<number> }>();
  for (const item of items) {
    const key = `${item.kind}:${item.refId}`;
    const group = groups.get(key) ?? { kind: item.kind, refId: item.refId, personIds: new Set<number>() };
    group.personIds.add(item.personId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .flatMap((g) => BUILDERS[g.kind](ctx, g.refId, [...g.personIds], label) ?? [])
    .sort((a, b) => a.rank - b.rank || a.date.localeCompare(b.date))
    .map((placed) => placed.section);
}

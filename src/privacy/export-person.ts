import { listAudit } from '../audit/list-audit';
import type { Store } from '../store/store';

/**
 * Everything Parlons stores about one person, as a portable document (the right of access and
 * portability). Keys are snake_case: it is an export format.
 */
export interface PersonExport {
  readonly person: {
    readonly id: number;
    readonly created_at: string;
    readonly updated_at: string;
    readonly language: string | null;
    readonly volunteer_status: string;
    readonly volunteer_since: string | null;
    readonly opted_out_at: string | null;
    readonly came_from: string | null;
    readonly profile: Record<string, string> | null;
    readonly roles: readonly string[];
  };
  readonly consents: readonly Record<string, string | null>[];
  readonly contact_points: readonly Record<string, string | number | null>[];
  readonly conversations: readonly { readonly channel: string; readonly flow: string; readonly step: string; readonly answers: Record<string, unknown> }[];
  readonly messages: readonly Record<string, string | number | null>[];
  readonly session_answers: readonly { readonly session_id: number; readonly answer: string }[];
  readonly ideas: readonly { readonly id: number; readonly title: string; readonly body: string; readonly neighbourhood: string | null; readonly status: string; readonly submitted_at: string }[];
  readonly idea_supports: readonly { readonly idea_id: number; readonly supported_at: string }[];
  /** Ballots in consultations still open; closed ones are anonymous and no longer theirs. */
  readonly ballots: readonly { readonly consultation_id: number; readonly answers: unknown; readonly cast_at: string }[];
  readonly consultations_taken_part_in: readonly number[];
  /** The mediators who support the person. */
  readonly mediators: readonly { readonly id: number; readonly organisation: string | null; readonly via: string }[];
  /**
   * The draws by lot the person was in the pool of (their pseudonym in each public record), and
   * for those they were drawn in, their answer.
   */
  readonly draws: readonly { readonly draw_id: number; readonly pseudonym: string; readonly drawn: boolean; readonly round: number | null; readonly answer: string | null; readonly invited_at: string | null; readonly answered_at: string | null }[];
  /** Answers to the city's own profile questions. */
  readonly other_answers: Readonly<Record<string, string>>;
  /** What mediators did for the person, and staff actions about them (roles): who, when, on which channel. */
  readonly actions_for_me: readonly { readonly at: string; readonly action: string; readonly by: number | null; readonly organisation: string | null; readonly via: string; readonly detail: unknown }[];
}

/** The export of a person, or null when no such person exists. */
export function exportPerson(store: Store, personId: number): PersonExport | null {
  const person = store.people.find(personId);
  if (!person) return null;
  const contacts = store.contacts.forPerson(personId);
  return {
    person: {
      id: person.id,
      created_at: person.createdAt,
      updated_at: person.updatedAt,
      language: person.language,
      volunteer_status: person.volunteerStatus,
      volunteer_since: person.volunteerSince,
      opted_out_at: person.optedOutAt,
      came_from: person.cameFrom,
      profile: person.profile
        ? {
            first_name: person.profile.firstName,
            neighbourhood: person.profile.neighbourhood,
            age_bracket: person.profile.ageBracket,
            gender: person.profile.gender,
            equipment: person.profile.equipment,
            reminders: person.profile.reminders,
          }
        : null,
      roles: person.roles,
    },
    consents: person.consents.map((c) => ({
      purpose: c.purpose,
      notice_version: c.noticeVersion,
      given_at: c.givenAt,
      method: c.method,
      withdrawn_at: c.withdrawnAt,
      reference: c.reference ?? null,
      recorded_by: c.recordedBy === null || c.recordedBy === undefined ? null : String(c.recordedBy),
    })),
    contact_points: contacts.map((c) => ({
      channel: c.channel,
      address: c.address,
      created_at: c.createdAt,
      last_seen_at: c.lastSeenAt,
      unreachable_at: c.unreachableAt,
      receives_reminders: c.id === person.reminderContactId ? 'yes' : 'no',
      end_to_end_encrypted: c.endToEndEncrypted ? 'yes' : 'no',
    })),
    conversations: contacts.flatMap((c) => {
      const state = store.conversations.load(c.id);
      return state ? [{ channel: c.channel, flow: state.flowId, step: state.stepId, answers: { ...state.data } }] : [];
    }),
    messages: contacts.flatMap((c) =>
      store.outbox.forContact(c.id).map((m) => ({
        channel: m.channel,
        kind: m.kind,
        status: m.status,
        created_at: m.createdAt,
        sent_at: m.sentAt,
        texts: m.message.parts.map((p) => ('key' in p ? p.key : 'literal' in p ? p.literal : Object.values(p.agentText).join(' / '))).join(', '),
      })),
    ),
    session_answers: [...store.sessions.answersOf(personId)].map(([sessionId, answer]) => ({ session_id: sessionId, answer })),
    ideas: store.ideas.authoredBy(personId).map((i) => ({ id: i.id, title: i.title, body: i.body, neighbourhood: i.neighbourhood, status: i.status, submitted_at: i.submittedAt })),
    idea_supports: store.ideas.supportedBy(personId).map((s) => ({ idea_id: s.ideaId, supported_at: s.supportedAt })),
    ballots: [...store.consultations.ballotsOf(personId).values()].map((b) => ({ consultation_id: b.consultationId, answers: b.answers, cast_at: b.castAt })),
    consultations_taken_part_in: store.consultations.participatedIn(personId),
    draws: store.draws.poolsOf(personId).map(({ drawId, pseudonym }) => {
      const seat = store.draws.seatsOf(personId).find((s) => s.drawId === drawId);
      return { draw_id: drawId, pseudonym, drawn: seat !== undefined, round: seat?.round ?? null, answer: seat?.status ?? null, invited_at: seat?.invitedAt ?? null, answered_at: seat?.answeredAt ?? null };
    }),
    other_answers: store.profileAnswers.of(personId),
    mediators: store.mediation.mediatorsOf(personId).map((m) => ({ id: m.mediatorId, organisation: m.organisation, via: m.via })),
    actions_for_me: listAudit(store, { personId }).map((e) => ({ at: e.at, action: e.action, by: e.actor_id, organisation: e.actor_organisation, via: e.via.split(':')[0] ?? e.via, detail: e.detail })),
  };
}

import type { AudienceFilter } from '../domain/audience';
import type { IdeaCall } from '../domain/idea';
import { literal, text, type Text } from '../domain/text';
import { inTransaction } from '../store/database';
import type { IdeaRecord } from '../store/ideas-repo';
import type { Store } from '../store/store';

/** Why a moderation decision cannot be taken: the key of a CLI message and its parameters. */
export interface ModerationProblem {
  readonly problem: 'not_found' | 'not_pending' | 'not_published' | 'same_idea';
  readonly id: number;
}

/**
 * Tells an idea's author (if they still exist) what became of it, in their language; an author
 * without a reachable contact point is told through their mediators' next digest.
 */
function tellAuthor(store: Store, idea: IdeaRecord, message: Text, now: Date): Decision {
  if (idea.authorId === null) return { told: false, throughMediators: false };
  const author: AudienceFilter[] = [{ kind: 'person', personId: idea.authorId }];
  const [recipient] = store.broadcasts.recipients(author);
  if (!recipient) {
    const throughMediators = store.digest.queue('idea_decision', idea.id, store.broadcasts.withoutContact(author), now) > 0;
    return { told: throughMediators, throughMediators };
  }
  store.outbox.enqueue({ contactId: recipient.contactId, channel: recipient.channel, kind: 'reply', message: { parts: [message] }, notBefore: now }, now);
  return { told: true, throughMediators: false };
}

function pending(store: Store, id: number): IdeaRecord | ModerationProblem {
  const idea = store.ideas.find(id);
  if (!idea) return { problem: 'not_found', id };
  if (idea.status !== 'pending') return { problem: 'not_pending', id };
  return idea;
}

/** What a decision did: whether the author was told (or will be, by their mediators). */
export interface Decision {
  readonly told: boolean;
  /** The author has no reachable contact point: their mediators' digest tells them. */
  readonly throughMediators: boolean;
}

/** Publishes a pending idea; residents can then support it, and its author is told. */
export function approveIdea(store: Store, id: number, now: Date): Decision | ModerationProblem {
  return inTransaction(store.db, () => {
    const idea = pending(store, id);
    if ('problem' in idea) return idea;
    store.ideas.decide(id, 'published', null, now);
    return tellAuthor(store, idea, text('ideas:decision.published', { title: literal(idea.title) }), now);
  });
}

/** Rejects a pending idea with a reason the author is told (as the agent wrote it). */
export function rejectIdea(store: Store, id: number, reason: string, now: Date): Decision | ModerationProblem {
  return inTransaction(store.db, () => {
    const idea = pending(store, id);
    if ('problem' in idea) return idea;
    store.ideas.decide(id, 'rejected', reason, now);
    return tellAuthor(store, idea, text('ideas:decision.rejected', { title: literal(idea.title), reason: literal(reason) }), now);
  });
}

/**
 * Merges a duplicate (pending or published) into a published idea: supporters of the duplicate,
 * and its author, now support the other one; the author is told.
 */
export function mergeIdea(store: Store, id: number, intoId: number, now: Date): Decision | ModerationProblem {
  return inTransaction(store.db, () => {
    if (id === intoId) return { problem: 'same_idea', id };
    const idea = store.ideas.find(id);
    if (!idea) return { problem: 'not_found', id };
    if (idea.status !== 'pending' && idea.status !== 'published') return { problem: 'not_pending', id };
    const into = store.ideas.find(intoId);
    if (!into) return { problem: 'not_found', id: intoId };
    if (into.status !== 'published') return { problem: 'not_published', id: intoId };
    store.ideas.merge(id, intoId, now);
    return tellAuthor(store, idea, text('ideas:decision.merged', { title: literal(idea.title), into: literal(into.title) }), now);
  });
}

/** Opens a call for ideas; refuses one that overlaps another (residents would not know which). */
export function openIdeaCall(store: Store, call: Omit<IdeaCall, 'id'>, now: Date): number | { readonly overlaps: IdeaCall } {
  return inTransaction(store.db, () => {
    const overlaps = store.ideas.calls().find((c) => c.opensAt < call.closesAt && call.opensAt < c.closesAt);
    return overlaps ? { overlaps } : store.ideas.createCall(call, now);
  });
}

/** Closes the call for ideas open now; the call closed, or null when none was open. */
export function closeIdeaCall(store: Store, now: Date): IdeaCall | null {
  return inTransaction(store.db, () => {
    const open = store.ideas.openCall(now);
    if (open) store.ideas.closeCall(open.id, now);
    return open;
  });
}

import type { ChannelNotice, InboundMessage, InboundResult } from '../channels/channel';
import { sessionsShownOn } from '../domain/assembly-session';
import type { ChannelKind } from '../domain/channel-kind';
import type { Language } from '../domain/language';
import type { ContactPointView } from '../domain/person-snapshot';
import { text, type Text, type TranslatedText } from '../domain/text';
import type { FlowData } from '../flows/engine/conversation-state';
import type { FlowEngine, Turn, TurnContext } from '../flows/engine/flow-engine';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { cleanInput } from '../lib/text/clean-input';
import type { ContactPointRecord } from '../store/contacts-repo';
import type { OutboxKind } from '../store/outbox-repo';
import { inTransaction } from '../store/database';
import { loadPersonSnapshot } from '../store/person-snapshot-loader';
import { loadParticipation } from './participation-loader';
import type { Store } from '../store/store';
import { applyEffects } from './apply-effects';
import { deepLinkTurn, validDeepLink } from './deep-links';
import { homeFlow, keywordTurn } from './keyword-turns';
import type { KeywordDetector } from './keywords';

/** The text of each notice a channel may ask to be told (see InboundMessage.notice). */
const CHANNEL_NOTICES: Readonly<Record<ChannelNotice, TranslatedText>> = {
  encryption_unsupported: text('channel_notice.encryption_unsupported'),
};

/** What the conversation service needs. */
export interface ConversationServiceDeps {
  readonly store: Store;
  readonly engine: FlowEngine;
  readonly keywords: KeywordDetector;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly humanContact: string;
}

/**
 * Turns inbound messages into saved state and queued replies. Each message is handled in ONE
 * SQLite transaction: skip a redelivery, find or create the person, keywords, flow engine,
 * effects, state, outbox. A crash at any point leaves either all of it or none of it.
 *
 * NOTE: messages of one contact are processed one at a time, in arrival order, because
 * `handle` is synchronous: better-sqlite3 never yields to the event loop, so no other message
 * can start while one is being handled, and `BEGIN IMMEDIATE` serialises other processes.
 */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  /** Handles one inbound message. */
  handle(inbound: InboundMessage): InboundResult {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    const result = inTransaction(store.db, (): InboundResult => {
      if (!store.conversations.markProcessed(inbound.channel, inbound.externalId, now)) return { outcome: 'duplicate' };
      store.stats.increment('inbound_message', now);
      if (inbound.inGroup) return { outcome: 'group', groupNotice: this.tellGroupOnce(inbound, now) ? 'queued' : 'told_before' };
      if (inbound.notice) return this.tellNotice(inbound, inbound.notice, now);
      return this.converse(inbound, now);
    });
    logger.debug('inbound_handled', { channel: inbound.channel, outcome: result.outcome });
    return result;
  }

  private converse(inbound: InboundMessage, now: Date): InboundResult {
    const { store, keywords, engine } = this.deps;
    const contact = this.contactFor(inbound.channel, inbound.address, null, now);
    const firstMessage = contact.lastSeenAt === null;
    store.contacts.touch(contact.id, now);
    const deepLink = validDeepLink(inbound.deepLink);
    if (deepLink) store.people.recordCameFrom(contact.personId, deepLink, now);
    const ctx = this.turnContext(contact, now);
    const input = cleanInput(inbound.text);
    const keyword = inbound.choiceId === undefined ? keywords.detect(input) : null;
    // A deep link is a /start: like START, it is the one thing an opted-out person is heard on.
    const resumes = keyword === 'start' || deepLink !== null;
    if (ctx.person.optedOutAt && !resumes) return { outcome: 'opted_out' };
    const state = store.conversations.load(contact.id);
    const home = homeFlow(ctx, firstMessage);
    const turn = deepLink
      ? this.resumingIfOptedOut(ctx, deepLinkTurn(engine, ctx, deepLink, home, state))
      : keyword
        ? keywordTurn(keyword, state, ctx, engine, { humanContact: this.deps.humanContact, home })
        : state
          ? engine.answer(state, { text: input, ...(inbound.choiceId !== undefined ? { choiceId: inbound.choiceId } : {}) }, ctx)
          : engine.start(home, ctx);
    this.commit(contact, ctx, turn, keyword === 'stop');
    const button = inbound.choiceId !== undefined && (turn.answer === 'accepted' || turn.answer === 'stale') ? turn.answer : undefined;
    return button ? { outcome: 'processed', button } : { outcome: 'processed' };
  }

  /** An opted-out person who comes back through a deep link is opted in again, and told so. */
  private resumingIfOptedOut(ctx: TurnContext, turn: Turn): Turn {
    if (!ctx.person.optedOutAt) return turn;
    const [first, ...rest] = turn.replies;
    const replies = first ? [{ ...first, parts: [text('opt_out.resumed'), ...first.parts] }, ...rest] : [{ parts: [text('opt_out.resumed')] }];
    return { ...turn, replies, effects: [{ type: 'opt_in' }, ...turn.effects] };
  }

  /**
   * The bot converses in private only: in a group, where anyone reads along, it says so once
   * (in the default language) and never processes what is written there. False when the group
   * was told before.
   */
  private tellGroupOnce(inbound: InboundMessage, now: Date): boolean {
    const { store } = this.deps;
    if (!store.groupChats.markTold(inbound.channel, inbound.address, now)) return false;
    store.outbox.enqueue(
      { contactId: null, channel: inbound.channel, address: inbound.address, kind: 'reply', message: { parts: [text('group.private_only')] }, ignoreOptOut: true, notBefore: now },
      now,
    );
    return true;
  }

  /**
   * Tells the person what the channel needs said (in their language, rendered at send time),
   * and nothing else: the conversation, if one is under way, waits for their next message. Like
   * any reply, it is not sent to a person who opted out.
   */
  private tellNotice(inbound: InboundMessage, notice: ChannelNotice, now: Date): InboundResult {
    const { store } = this.deps;
    const contact = this.contactFor(inbound.channel, inbound.address, null, now);
    store.contacts.touch(contact.id, now);
    store.outbox.enqueue(
      { contactId: contact.id, channel: contact.channel, kind: 'reply', message: { parts: [CHANNEL_NOTICES[notice]] }, ignoreOptOut: false, notBefore: now },
      now,
    );
    return { outcome: 'notice' };
  }

  /**
   * Someone opened a chat that has no inbound message of its own (the console): create them if
   * new (with `language` when given), and if a conversation was under way and nothing waits to be
   * sent to them, ask its question again.
   */
  open(channel: ChannelKind, address: string, language: Language | null): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    inTransaction(store.db, () => {
      const contact = this.contactFor(channel, address, language, now);
      if (language) store.people.setLanguage(contact.personId, language, now);
      const ctx = this.turnContext(contact, now);
      const state = store.conversations.load(contact.id);
      // Messages waiting for the person end with the current question already: no need to repeat it.
      if (!state || ctx.person.optedOutAt || store.outbox.hasPending(contact.id)) return;
      this.commit(contact, ctx, this.deps.engine.reprompt(state, ctx, [text('flow.welcome_back')]), false);
    });
  }

  /**
   * Puts a question to a person unprompted (a session reminder, a consultation invitation): flow
   * `flowId` starts with `data`, interrupting whatever they were doing, which resumes after their
   * answer; it is sent as a bulk message. Call inside the scheduler's transaction. False when
   * there is nobody to ask.
   */
  interrupt(contactId: number, flowId: string, data: FlowData, now: Date, lead: readonly Text[] = []): boolean {
    const { store, engine } = this.deps;
    const contact = store.contacts.findById(contactId);
    if (!contact) return false;
    const ctx = this.turnContext(contact, now);
    if (ctx.person.optedOutAt) return false;
    const state = store.conversations.load(contact.id);
    const suspend = state && state.flowId !== flowId ? state : (state?.suspended ?? null);
    this.commit(contact, ctx, engine.start(flowId, ctx, { suspend, data, lead }), false, 'bulk');
    return true;
  }

  private contactFor(channel: ChannelKind, address: string, language: Language | null, now: Date): ContactPointRecord {
    const { store, logger } = this.deps;
    const existing = store.contacts.find(channel, address);
    if (existing) return existing;
    const personId = store.people.create(language, now);
    logger.info('person_created', { person: personId, channel });
    return store.contacts.create(personId, channel, address, now);
  }

  private turnContext(contact: ContactPointRecord, now: Date): TurnContext {
    const { store } = this.deps;
    const person = loadPersonSnapshot(store.people, store.contacts, contact.personId);
    // The contact row was read in this same transaction, so its person exists.
    if (!person) throw new Error(`contact ${contact.id} has no person ${contact.personId}`);
    const view: ContactPointView = { id: contact.id, channel: contact.channel, address: contact.address };
    const answers = store.sessions.answersOf(person.id);
    const sessions = store.sessions
      .list(now, false)
      .slice(0, sessionsShownOn(contact.channel))
      .map((session) => ({ ...session, myAnswer: answers.get(session.id) ?? null }));
    return { person, contact: view, now, sessions, participation: loadParticipation(store, person.id, now) };
  }

  /** Applies the turn: effects, then state, then replies (to the bare address if the person was erased). */
  private commit(contact: ContactPointRecord, ctx: TurnContext, turn: Turn, ignoreOptOut: boolean, kind: OutboxKind = 'reply'): void {
    const { store, logger } = this.deps;
    const { now } = ctx;
    const applied = applyEffects(store, contact.personId, contact, turn.effects, now);
    const replies = [...turn.replies, ...applied.notices.map((notice) => ({ parts: [notice] }))];
    if (applied.erased) {
      logger.info('person_erased', { channel: contact.channel });
      // The contact point is gone with the person: the goodbye carries its own address and is
      // deleted once sent (see OutboxDispatcher).
      for (const message of replies) {
        store.outbox.enqueue(
          { contactId: null, channel: contact.channel, address: contact.address, language: ctx.person.language ?? undefined, kind: 'reply', message, ignoreOptOut: true, notBefore: now },
          now,
        );
      }
      return;
    }
    store.conversations.save(contact.id, turn.state, now);
    for (const message of replies) {
      store.outbox.enqueue({ contactId: contact.id, channel: contact.channel, kind, message, ignoreOptOut, notBefore: now }, now);
    }
  }
}

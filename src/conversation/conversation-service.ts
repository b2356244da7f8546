import type { InboundMessage } from '../channels/channel';
import type { ChannelKind } from '../domain/channel-kind';
import type { Language } from '../domain/language';
import type { ContactPointView } from '../domain/person-snapshot';
import { text } from '../domain/text';
import type { FlowEngine, Turn, TurnContext } from '../flows/engine/flow-engine';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { cleanInput } from '../lib/text/clean-input';
import type { ContactPointRecord } from '../store/contacts-repo';
import { inTransaction } from '../store/database';
import { loadPersonSnapshot } from '../store/person-snapshot-loader';
import type { Store } from '../store/store';
import { applyEffects } from './apply-effects';
import { homeFlow, keywordTurn } from './keyword-turns';
import type { KeywordDetector } from './keywords';

/** What became of an inbound message. */
export type InboundOutcome =
  /** Processed: state saved, replies in the outbox. */
  | 'processed'
  /** Already processed (the channel delivered it again): nothing done. */
  | 'duplicate'
  /** The person sent STOP: nothing is answered until REPRENDRE / START. */
  | 'opted_out';

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
  handle(inbound: InboundMessage): InboundOutcome {
    const { store, clock, keywords, logger } = this.deps;
    const now = clock.now();
    const outcome = inTransaction(store.db, (): InboundOutcome => {
      if (!store.conversations.markProcessed(inbound.channel, inbound.externalId, now)) return 'duplicate';
      store.stats.increment('inbound_message', now);
      const contact = this.contactFor(inbound.channel, inbound.address, null, now);
      const firstMessage = contact.lastSeenAt === null;
      store.contacts.touch(contact.id, now);
      const ctx = this.turnContext(contact, now);
      const input = cleanInput(inbound.text);
      const keyword = inbound.choiceId === undefined ? keywords.detect(input) : null;
      if (ctx.person.optedOutAt && keyword !== 'start') return 'opted_out';
      const state = store.conversations.load(contact.id);
      const home = homeFlow(ctx, firstMessage);
      const turn = keyword
        ? keywordTurn(keyword, state, ctx, this.deps.engine, { humanContact: this.deps.humanContact, home })
        : state
          ? this.deps.engine.answer(state, { text: input, ...(inbound.choiceId !== undefined ? { choiceId: inbound.choiceId } : {}) }, ctx)
          : this.deps.engine.start(home, ctx);
      this.commit(contact, ctx, turn, keyword === 'stop');
      return 'processed';
    });
    logger.debug('inbound_handled', { channel: inbound.channel, outcome });
    return outcome;
  }

  /**
   * Someone opened a chat that has no inbound message of its own (the console): create them if
   * new (with `language` when given), and if a conversation was under way, ask its question again.
   */
  open(channel: ChannelKind, address: string, language: Language | null): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    inTransaction(store.db, () => {
      const contact = this.contactFor(channel, address, language, now);
      if (language) store.people.setLanguage(contact.personId, language, now);
      const ctx = this.turnContext(contact, now);
      const state = store.conversations.load(contact.id);
      if (!state || ctx.person.optedOutAt) return;
      this.commit(contact, ctx, this.deps.engine.reprompt(state, ctx, [text('flow.welcome_back')]), false);
    });
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
    return { person, contact: view, now };
  }

  /** Applies the turn: effects, then state, then replies (to the bare address if the person was erased). */
  private commit(contact: ContactPointRecord, ctx: TurnContext, turn: Turn, ignoreOptOut: boolean): void {
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
      store.outbox.enqueue({ contactId: contact.id, channel: contact.channel, kind: 'reply', message, ignoreOptOut, notBefore: now }, now);
    }
  }
}

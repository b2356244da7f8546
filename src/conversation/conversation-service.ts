import type { ChannelNotice, InboundMessage, InboundResult } from '../channels/channel';
import { sessionsShownOn } from '../domain/assembly-session';
import type { ChannelKind } from '../domain/channel-kind';
import type { Language } from '../domain/language';
import type { ContactPointView } from '../domain/person-snapshot';
import { literal, text, type Text, type TranslatedText } from '../domain/text';
import type { ConversationState, FlowData } from '../flows/engine/conversation-state';
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
import { keywordAllowed, type Keyword, type KeywordDetector } from './keywords';
import type { City } from '../domain/city';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { effectAuditDetail } from '../domain/effect-audit';
import type { Answer } from '../flows/engine/flow-engine';
import { readInvitationCode } from '../roles/invitation-code';
import { audit, redeemSentCode, type Actor } from '../roles/manage-roles';
import type { ActingRecord } from '../store/mediation-repo';
import { actingBanner, endActing, ENDS_ACTING, isIdle, redemptionNotice, type ActingEnd } from './acting-for';
import { loadStaffDesk } from './staff-desk-loader';
import { loadActionsFor } from './actions-for-me-loader';
import { once } from './once';
import { interruption } from './interruptions';
import { expiryOf, StoreLiveData } from '../outbox/live-data';
import { requestSignInLink } from '../web-access/sign-in-link';

/** The text of each notice a channel may ask to be told (see InboundMessage.notice). */
const CHANNEL_NOTICES: Readonly<Record<ChannelNotice, TranslatedText>> = {
  encryption_unsupported: text('channel_notice.encryption_unsupported'),
  undecryptable: text('channel_notice.undecryptable'),
};

/** The turn with `lead` paragraphs before its first reply (or as a reply of their own). */
function withLead(turn: Turn, lead: readonly Text[]): Turn {
  if (lead.length === 0) return turn;
  const [first, ...rest] = turn.replies;
  const replies = first ? [{ ...first, parts: [...lead, ...first.parts] }, ...rest] : [{ parts: [...lead] }];
  return { ...turn, replies };
}

/** What the conversation service needs. */
export interface ConversationServiceDeps {
  readonly store: Store;
  readonly engine: FlowEngine;
  readonly keywords: KeywordDetector;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly humanContact: string;
  /** For the names of neighbourhoods in the "acting for" banner. */
  readonly city: City;
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

  /** Handles one inbound message, in a transaction of its own. */
  handle(inbound: InboundMessage): InboundResult {
    return inTransaction(this.deps.store.db, () => this.handleInTransaction(inbound));
  }

  /**
   * Handles one inbound message in the caller's transaction, which must roll back what this
   * did if it throws (InboundCommitter gives each message a savepoint: a second one, nested
   * here, would only cost time).
   */
  handleInTransaction(inbound: InboundMessage): InboundResult {
    const result = this.handleAt(inbound, this.deps.clock.now());
    this.deps.logger.debug('inbound_handled', { channel: inbound.channel, outcome: result.outcome });
    return result;
  }

  private handleAt(inbound: InboundMessage, now: Date): InboundResult {
    const { store } = this.deps;
    if (!store.conversations.markProcessed(inbound.channel, inbound.externalId, now)) return { outcome: 'duplicate' };
    store.stats.increment('inbound_message', now);
    if (inbound.inGroup) return { outcome: 'group', groupNotice: this.tellGroupOnce(inbound, now) ? 'queued' : 'told_before' };
    if (inbound.notice) return this.tellNotice(inbound, inbound.notice, now);
    return this.converse(inbound, now);
  }

  private converse(inbound: InboundMessage, now: Date): InboundResult {
    const { store, keywords, engine } = this.deps;
    const contact = this.contactFor(inbound.channel, inbound.address, null, now);
    const firstMessage = contact.lastSeenAt === null;
    store.contacts.seen(contact, now);
    const deepLink = validDeepLink(inbound.deepLink);
    if (deepLink) store.people.recordCameFrom(contact.personId, deepLink, now);
    let ctx = this.turnContext(contact, now);
    const input = cleanInput(inbound.text);
    const answer: Answer = { text: input, ...(inbound.choiceId !== undefined ? { choiceId: inbound.choiceId } : {}) };
    const acting = store.mediation.acting(contact.id);
    const detected = inbound.choiceId === undefined ? keywords.detect(input) : null;
    const keyword = detected && keywordAllowed(detected, ctx.person.roles, acting !== null) ? detected : null;
    // A deep link is a /start: like START, it is the one thing an opted-out person is heard on.
    const resumes = keyword === 'start' || deepLink !== null;
    if (ctx.person.optedOutAt && !resumes) return { outcome: 'opted_out' };
    if (acting && !deepLink && !(keyword && ENDS_ACTING.has(keyword))) return this.actFor(contact, ctx, acting, answer, keyword, inbound, now);
    if (acting && keyword === 'stop') return this.stopActing(contact, ctx, acting, now);
    const lead: Text[] = acting ? [this.endActing(acting, keyword === 'end_acting' ? 'ended' : 'left', now)] : [];
    if (keyword === 'web') {
      lead.push(requestSignInLink(store, { actorId: contact.personId, channel: contact.channel, contactId: contact.id }, now));
      this.deps.logger.info('web_link_requested', { channel: contact.channel });
    }
    const code = keyword === null && inbound.choiceId === undefined ? readInvitationCode(input) : null;
    if (code) {
      lead.push(this.redeem(contact, code, now));
      ctx = this.turnContext(contact, now);
    }
    const state = this.knownState(contact.id, now);
    const home = homeFlow(ctx, firstMessage);
    const turn = code
      ? state
        ? engine.reprompt(state, ctx, [])
        : engine.start(home, ctx)
      : deepLink
        ? this.resumingIfOptedOut(ctx, deepLinkTurn(engine, ctx, deepLink, home, state))
        : keyword
          ? keywordTurn(keyword, state, ctx, engine, { humanContact: this.deps.humanContact, home })
          : state
            ? engine.answer(state, answer, ctx)
            : engine.start(home, ctx);
    this.showPressed(contact, inbound, turn, now);
    this.commit(contact, ctx, withLead(this.inPlaceOfPressed(inbound, turn), lead), keyword === 'stop');
    return this.result(answer.choiceId, turn);
  }

  /**
   * A mediator acting for someone wrote STOP: they most likely meant to stop acting, not to
   * receive nothing more (their digests included). Acting ends, nobody is opted out, and they
   * are told how to stop their own messages if that is what they wanted.
   */
  private stopActing(contact: ContactPointRecord, ctx: TurnContext, acting: ActingRecord, now: Date): InboundResult {
    const ended = this.endActing(acting, 'stopped', now);
    this.commit(contact, ctx, this.deps.engine.start('mediation', ctx, { lead: [ended, text('mediation:acting.stop_own')] }), false);
    return { outcome: 'processed' };
  }

  /**
   * A button was pressed and taken: the question it belonged to is shown answered (its buttons
   * gone, so that they cannot be pressed again), through the outbox like everything sent, before
   * the replies.
   */
  private showPressed(contact: ContactPointRecord, inbound: InboundMessage, turn: Turn, now: Date): void {
    if (!inbound.pressed || turn.answer !== 'accepted') return;
    const { messageId, text: question, label } = inbound.pressed;
    const message: OutgoingMessage = { parts: [literal(question)], replaces: { messageId, answered: label } };
    this.deps.store.outbox.enqueue({ contactId: contact.id, channel: contact.channel, kind: 'reply', message, notBefore: now }, now);
  }

  /** An option ticked or unticked with a button: the question, with its ticks, takes the pressed message's place. */
  private inPlaceOfPressed(inbound: InboundMessage, turn: Turn): Turn {
    const [question, ...rest] = turn.replies;
    if (!inbound.pressed || turn.answer !== 'toggled' || !question) return turn;
    return { ...turn, replies: [{ ...question, replaces: { messageId: inbound.pressed.messageId } }, ...rest] };
  }

  /** The outcome to report to the channel, with how a pressed button was taken. */
  private result(choiceId: string | undefined, turn: Turn): InboundResult {
    const button = choiceId !== undefined && (turn.answer === 'accepted' || turn.answer === 'stale') ? turn.answer : undefined;
    return button ? { outcome: 'processed', button } : { outcome: 'processed' };
  }

  /**
   * A message from a mediator acting for someone: it is the person's conversation that goes on,
   * with the person's data, and every reply carries the "acting for" banner. After 30 minutes
   * without a message, the acting ends instead, and the message is not applied to anyone (the
   * mediator may have meant it for the person, who is no longer in question).
   */
  private actFor(contact: ContactPointRecord, own: TurnContext, acting: ActingRecord, answer: Answer, keyword: Keyword | null, inbound: InboundMessage, now: Date): InboundResult {
    const { engine } = this.deps;
    if (isIdle(acting, now)) {
      const ended = this.endActing(acting, 'inactive', now);
      this.commit(contact, own, engine.start('mediation', own, { lead: [ended] }), false);
      return { outcome: 'processed' };
    }
    const ctx = this.turnContext(contact, now, acting);
    const state = acting.state;
    const turn = keyword
      ? keywordTurn(keyword, state, ctx, engine, { humanContact: this.deps.humanContact, home: 'main_menu' })
      : state
        ? engine.answer(state, answer, ctx)
        : engine.start('main_menu', ctx);
    this.showPressed(contact, inbound, turn, now);
    this.commitActing(contact, own, ctx, acting, this.inPlaceOfPressed(inbound, turn));
    return this.result(answer.choiceId, turn);
  }

  /**
   * Applies a turn of the conversation held for someone: effects to the person (each recorded in
   * the audit before it applies, so that an erasure is recorded too), state to the acting row,
   * replies to the mediator with the banner. After an erasure the mediator is back at the
   * mediation menu.
   */
  private commitActing(contact: ContactPointRecord, own: TurnContext, ctx: TurnContext, acting: ActingRecord, turn: Turn): void {
    const { store, engine } = this.deps;
    const { now } = ctx;
    const mediator: Actor = { actorId: acting.mediatorId, channel: contact.channel, contactId: contact.id };
    for (const effect of turn.effects) audit(store, mediator, effect.type, acting.personId, now, effectAuditDetail(effect));
    const applied = applyEffects(store, acting.personId, { contact: null, mediator }, turn.effects, now);
    const banner = actingBanner(ctx.person, this.deps.city);
    const replies = [...turn.replies, ...applied.notices.map((notice) => ({ parts: [notice] }))].map((message) => ({ ...message, parts: [banner, ...message.parts] }));
    if (!applied.erased) store.mediation.saveActing(contact.id, turn.state, now);
    this.enqueueReplies(contact, replies, 'reply', false, now);
    if (applied.erased) this.commit(contact, own, engine.start('mediation', own), false);
  }

  /** Ends acting for someone; returns what to tell the mediator. */
  private endActing(acting: ActingRecord, reason: ActingEnd, now: Date): Text {
    return endActing(this.deps.store, acting, reason, this.deps.city, now);
  }

  /** Takes an invitation code sent in chat (guesses limited per contact point); returns what to tell the sender. */
  private redeem(contact: ContactPointRecord, code: string, now: Date): Text {
    const actor = { actorId: contact.personId, channel: contact.channel, contactId: contact.id };
    const redemption = redeemSentCode(this.deps.store, code, contact.personId, actor, now);
    this.deps.logger.info('role_invitation', { outcome: redemption.outcome, channel: contact.channel });
    return redemptionNotice(redemption);
  }

  /** An opted-out person who comes back through a deep link is opted in again, and told so. */
  private resumingIfOptedOut(ctx: TurnContext, turn: Turn): Turn {
    if (!ctx.person.optedOutAt) return turn;
    const resumed = withLead(turn, [text('opt_out.resumed')]);
    return { ...resumed, effects: [{ type: 'opt_in' }, ...turn.effects] };
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
    store.contacts.seen(contact, now);
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
      // A mediator who was acting for someone is asked that person's question again, with the banner.
      const acting = store.mediation.acting(contact.id);
      const state = acting ? acting.state : this.knownState(contact.id, now);
      // Messages waiting for the person end with the current question already: no need to repeat it.
      if (!state || ctx.person.optedOutAt) return;
      // (knownState has expired what waits for a person not acting for someone.)
      if (acting) this.expireWaiting(contact.id, now);
      if (store.outbox.waiting(contact.id) > 0) return;
      if (!acting) return this.commit(contact, ctx, this.deps.engine.reprompt(state, ctx, [text('flow.welcome_back')]), false);
      // Idle too long: the next message ends it, and is not applied to the person.
      if (isIdle(acting, now)) return;
      const forPerson = this.turnContext(contact, now, acting);
      this.commitActing(contact, ctx, forPerson, acting, this.deps.engine.reprompt(state, forPerson, [text('flow.welcome_back')]));
    });
  }

  /**
   * Ends, as expired, the messages waiting for a contact point whose moment has passed (the
   * dispatcher would not deliver them either).
   */
  private expireWaiting(contactId: number, now: Date): void {
    const { store } = this.deps;
    const live = new StoreLiveData(store);
    for (const row of store.outbox.pending(contactId)) {
      const reason = row.status === 'queued' ? expiryOf(row, live, now) : null;
      if (reason !== null) store.outbox.finish(row.id, 'cancelled', `expired_${reason}`, now);
    }
  }

  /**
   * The conversation as the person knows it. A question whose moment passed before it was
   * delivered (a reminder for a session since begun, an invitation to a closed consultation) was
   * never seen: the conversation is back at what that question had interrupted, without a word
   * about it, and a number typed answers the question on the person's screen.
   */
  private knownState(contactId: number, now: Date): ConversationState | null {
    const { store } = this.deps;
    const state = store.conversations.load(contactId);
    if (!state) return null;
    this.expireWaiting(contactId, now);
    const last = store.outbox.lastQuestion(contactId);
    const neverSeen = last?.status === 'cancelled' && last.error?.startsWith('expired_') === true;
    return neverSeen ? (state.suspended ?? null) : state;
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
    // A mediator acting for someone would answer this question in the person's name: they are
    // their own self again first, and told so.
    const acting = store.mediation.acting(contact.id);
    const ended = acting ? [this.endActing(acting, 'interrupted', now)] : [];
    const { suspend, data: start } = interruption(flowId, data, store.conversations.load(contact.id));
    this.commit(contact, ctx, engine.start(flowId, ctx, { suspend, data: start, lead: [...ended, ...lead] }), false, 'bulk');
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

  /** What flows know this turn: the person writing from `contact`, or the person a mediator acts for. */
  private turnContext(contact: ContactPointRecord, now: Date, acting: ActingRecord | null = null): TurnContext {
    const { store } = this.deps;
    const personId = acting?.personId ?? contact.personId;
    const person = loadPersonSnapshot(store.people, store.contacts, personId);
    // The contact (or acting) row was read in this same transaction and cascades with its person.
    if (!person) throw new Error(`contact ${contact.id} has no person ${personId}`);
    const view: ContactPointView = { id: contact.id, channel: contact.channel, address: contact.address };
    const answers = store.sessions.answersOf(person.id);
    const sessions = store.sessions
      .list(now, false)
      .slice(0, sessionsShownOn(contact.channel))
      .map((session) => ({ ...session, myAnswer: answers.get(session.id) ?? null }));
    const participation = loadParticipation(store, person.id, now);
    const staff = loadStaffDesk(store, person, now);
    const actionsForMe = once(() => loadActionsFor(store, person.id));
    return { person, contact: view, now, sessions, participation, staff, actionsForMe, ...(acting ? { onBehalf: { mediatorId: acting.mediatorId } } : {}) };
  }

  /**
   * Applies the turn: effects, then state, then replies (to the bare address if the person was
   * erased). When the turn started acting for someone, their conversation opens at once.
   */
  private commit(contact: ContactPointRecord, ctx: TurnContext, turn: Turn, ignoreOptOut: boolean, kind: OutboxKind = 'reply'): void {
    const { store, logger } = this.deps;
    const { now } = ctx;
    const applied = applyEffects(store, contact.personId, { contact }, turn.effects, now);
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
    this.enqueueReplies(contact, replies, kind, ignoreOptOut, now);
    const acting = applied.actingFor === null ? null : store.mediation.acting(contact.id);
    if (acting) {
      const forPerson = this.turnContext(contact, now, acting);
      this.commitActing(contact, ctx, forPerson, acting, this.deps.engine.start('main_menu', forPerson, { lead: [text('mediation:acting.started')] }));
    }
  }

  private enqueueReplies(contact: ContactPointRecord, replies: readonly OutgoingMessage[], kind: OutboxKind, ignoreOptOut: boolean, now: Date): void {
    for (const message of replies) {
      this.deps.store.outbox.enqueue({ contactId: contact.id, channel: contact.channel, kind, message, ignoreOptOut, notBefore: now }, now);
    }
  }
}

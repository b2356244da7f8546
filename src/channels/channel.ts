import type { ChannelKind } from '../domain/channel-kind';

/** What a channel can show, so that one renderer serves them all. */
export interface ChannelCapabilities {
  /** Choices can be shown as buttons that send back the choice id. */
  readonly buttons: boolean;
}

/** A message ready for a channel: text, and choices as buttons when the channel has them. */
export interface RenderedMessage {
  readonly text: string;
  readonly buttons?: readonly { readonly id: string; readonly label: string }[];
  /**
   * Shown in place of a message the channel sent earlier (its id there), rather than as a new one:
   * a question whose button was pressed, shown with the `answered` label and no buttons, or with
   * its ticks updated. Only channels with buttons get these.
   */
  readonly replaces?: { readonly messageId: string; readonly answered?: string };
}

/** A message received from a channel, before any processing. */
export interface InboundMessage {
  readonly channel: ChannelKind;
  /** The sender's address on that channel (console name, chat id, Matrix id, E.164 number). */
  readonly address: string;
  /** The channel's own id for the message, used to process a redelivery only once. */
  readonly externalId: string;
  readonly text: string;
  /** The id of the button pressed, when the message is a button press. */
  readonly choiceId?: string;
  /** With `choiceId`: the message whose button was pressed, as the channel showed it, and the button's label. */
  readonly pressed?: { readonly messageId: string; readonly text: string; readonly label: string };
  /** A group chat rather than a private one: the bot never converses there. Default: private. */
  readonly inGroup?: boolean;
  /** The payload of a deep link (`t.me/<bot>?start=poster-trois-cites`): where the person came from. */
  readonly deepLink?: string;
  /**
   * Not a message of the person's but something the channel must tell them, in their language
   * (adapters know no text): the service queues the notice's text and nothing else.
   */
  readonly notice?: ChannelNotice;
}

/**
 * What a channel may need to tell a person by itself. `encryption_unsupported`: the person
 * invited the bot to an end-to-end encrypted Matrix room while encryption is off; it answers in an
 * unencrypted direct chat instead. `undecryptable`: an end-to-end encrypted message of theirs
 * could not be read (its key never came); they are asked to send it again.
 */
export type ChannelNotice = 'encryption_unsupported' | 'undecryptable';

/** What became of an inbound message, for channels that show it (a pressed button is edited). */
export interface InboundResult {
  readonly outcome: 'processed' | 'duplicate' | 'opted_out' | 'group' | 'notice';
  /** For a button press: whether it answered the waiting question, or belonged to an older one. */
  readonly button?: 'accepted' | 'stale';
  /**
   * For a group: `queued` when the notice that the bot talks in private was queued now,
   * `told_before` when the group had it already (a channel that leaves groups leaves at once).
   */
  readonly groupNotice?: 'queued' | 'told_before';
}

/** How a send went. Adapters classify their errors; the dispatcher decides what to do. */
export type SendResult =
  /** `segments`: the SMS it was billed as (SMS only), for the monthly count. */
  | { readonly status: 'sent'; readonly providerId?: string; readonly segments?: number }
  /**
   * Try again later (network, 5xx, 429); `retryAfterMs` when the channel said how long to wait;
   * `partsSent` when a message sent in several parts is partly out (the next try starts after them).
   */
  | { readonly status: 'retry'; readonly reason: string; readonly retryAfterMs?: number; readonly partsSent?: number }
  /** Never try again; `unreachable` when the person can no longer be reached there (blocked the bot). */
  | { readonly status: 'failed'; readonly reason: string; readonly unreachable?: boolean };

/**
 * Receives inbound messages from a channel; resolves once the message is committed, and only
 * then may the channel acknowledge it to its provider (the polling offset, the webhook's 200,
 * the sync token, the removed spool file). It rejects with InboundNotCommitted when the database
 * cannot be written for now; any other rejection is a bug in handling this one message.
 */
export type InboundHandler = (message: InboundMessage) => Promise<InboundResult>;

/**
 * The message was not saved because the database cannot be written for now (locked, full,
 * read-only). The channel must not acknowledge it: it offers it again after `retryAfterMs`
 * (or lets the provider resend it: a webhook answers 503).
 */
export class InboundNotCommitted extends Error {
  constructor(
    /** Why, in a word (`locked`, `full`, `read_only`, `io`), for logs. */
    readonly problem: string,
    readonly retryAfterMs: number,
  ) {
    super(`inbound message not committed: database ${problem}`);
    this.name = 'InboundNotCommitted';
  }
}

/** A channel's receiving ended for a reason it cannot recover from (a revoked token): the process should exit. */
export type ChannelFailure = (error: Error) => void;

/** A channel that receives by itself (long polling, a webhook) until stopped. */
export interface ChannelReceiver {
  /**
   * Starts receiving; resolves once the channel is listening. `failed` is called if receiving
   * later ends for a reason the channel cannot recover from, so that a supervisor restarts us.
   */
  start(handler: InboundHandler, failed?: ChannelFailure): Promise<void>;
  stop(): Promise<void>;
  /** Where people write to the bot here (`@parlons_bot`, `@parlons:example.org`), once started; null when unknown. */
  publicAddress?(): string | null;
}

/** How one message is sent. */
export interface SendOptions {
  /**
   * The same for every attempt at one message: a channel that can (Matrix transaction ids) uses
   * it so that a retried send, whose first attempt did arrive, is not shown twice.
   */
  readonly idempotencyKey?: string;
  /** Parts of this message a previous attempt already sent: the channel sends the rest only. */
  readonly partsSent?: number;
}

/** A messaging network Parlons talks on. Adapters parse and send; they know nothing of flows or the store. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  send(address: string, message: RenderedMessage, options?: SendOptions): Promise<SendResult>;
}

/**
 * A channel cannot start for a reason the operator must fix, which its message says (with how);
 * `invalidSetting` when a setting is wrong (a passphrase that does not open the saved keys).
 */
export class ChannelSetupError extends Error {
  constructor(
    message: string,
    readonly invalidSetting: boolean,
  ) {
    super(message);
    this.name = 'ChannelSetupError';
  }
}

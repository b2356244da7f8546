import type { Clock } from '../../../lib/clock';
import type { MatrixEvent } from '../matrix-sync';
import type { MatrixCryptoStorage, WaitingMessage } from './crypto-storage';
import type { Decryption } from './matrix-e2ee';

/** What the waiting messages need from the channel. */
export interface WaitingMessagesDeps {
  readonly storage: MatrixCryptoStorage;
  readonly clock: Clock;
  /** How long a message waits for its key before the person is asked to send it again. */
  readonly graceMs: number;
  readonly decrypt: (roomId: string, event: MatrixEvent) => Promise<Decryption>;
  /** Handles a message that could be read at last (decrypted, and as it came), as if it had just come. */
  readonly handle: (roomId: string, decrypted: MatrixEvent, encrypted: MatrixEvent) => Promise<void>;
  /** Asks the person, kindly, to send again what could not be read; once per missing key (the notice's id says which). */
  readonly askToResend: (message: WaitingMessage) => Promise<void>;
}

/**
 * Encrypted messages whose key has not come (the sender's device did not send it to the bot, or
 * not yet). They are kept, as ciphertext, in arrival order; read as soon as a key comes; after
 * `graceMs` the person is asked to send again (once per key), never left without an answer; and
 * when a later message of theirs is read, the older ones are given up (they sent again, or moved
 * on): asked about first if they were not yet.
 */
export class WaitingMessages {
  constructor(private readonly deps: WaitingMessagesDeps) {}

  /** Keeps a message that could not be decrypted. */
  add(roomId: string, event: MatrixEvent, sessionId: string): void {
    this.deps.storage.addWaiting({
      eventId: event.event_id ?? '',
      roomId,
      sender: event.sender,
      sessionId,
      event: JSON.stringify(event),
      receivedAt: this.deps.clock.now().toISOString(),
    });
  }

  /** Whether messages of the room wait for their key. */
  hasWaiting(roomId: string): boolean {
    return this.deps.storage.waiting().some((m) => m.roomId === roomId);
  }

  /**
   * A message of the room is about to be handled (`eventId`: a new one, or one that waited): the
   * waiting ones that came before it are given up.
   */
  async supersede(roomId: string, eventId: string): Promise<void> {
    const inRoom = this.deps.storage.waiting().filter((m) => m.roomId === roomId);
    const position = inRoom.findIndex((m) => m.eventId === eventId);
    for (const message of position >= 0 ? inRoom.slice(0, position) : inRoom) {
      if (!message.answeredAt) await this.answer([message]);
      this.deps.storage.removeWaiting(message.eventId);
    }
  }

  /** Keys came: reads what can be read now, in order, and hands it on (kept until it is handled). */
  async retry(): Promise<void> {
    for (const message of this.deps.storage.waiting()) {
      const event = JSON.parse(message.event) as MatrixEvent;
      const decryption = await this.deps.decrypt(message.roomId, event);
      if (!decryption.ok) continue;
      await this.deps.handle(message.roomId, decryption.event, event);
      this.deps.storage.removeWaiting(message.eventId);
    }
  }

  /** Asks the people whose messages waited `graceMs` in vain to send them again. */
  async answerDue(): Promise<void> {
    const due = this.deps.clock.now().getTime() - this.deps.graceMs;
    await this.answer(this.deps.storage.waiting().filter((m) => !m.answeredAt && Date.parse(m.receivedAt) <= due));
  }

  private async answer(messages: readonly WaitingMessage[]): Promise<void> {
    for (const message of messages) {
      await this.deps.askToResend(message);
      this.deps.storage.markWaitingAnswered([message.eventId], this.deps.clock.now().toISOString());
    }
  }

  /** Milliseconds until the next message is due an answer; null when none waits unanswered. */
  msUntilNextAnswer(): number | null {
    const pending = this.deps.storage.waiting().filter((m) => !m.answeredAt);
    if (pending.length === 0) return null;
    const next = Math.min(...pending.map((m) => Date.parse(m.receivedAt) + this.deps.graceMs));
    return Math.max(0, next - this.deps.clock.now().getTime());
  }
}

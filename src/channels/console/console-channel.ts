import { CHANNEL_CAPABILITIES } from '../capabilities';
import type { ChannelAdapter, RenderedMessage, SendResult } from '../channel';

/**
 * The terminal as a channel: replies are printed, choices as numbered menus. It delivers to the
 * one person at the keyboard; messages for other console names wait in the outbox until they
 * open the chat.
 */
export class ConsoleChannel implements ChannelAdapter {
  readonly kind = 'console' as const;
  readonly capabilities = CHANNEL_CAPABILITIES.console;

  /** `write` resolves once the text is written, and rejects when the output is gone. */
  constructor(private readonly write: (text: string) => Promise<void>) {}

  async send(_address: string, message: RenderedMessage): Promise<SendResult> {
    try {
      await this.write(`${message.text}\n\n`);
      return { status: 'sent' };
    } catch (error) {
      // The reader went away (a closed pipe): the message stays in the outbox for next time.
      return { status: 'retry', reason: `console_closed: ${(error as Error).message}` };
    }
  }
}

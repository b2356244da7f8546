import type { ChannelAdapter, RenderedMessage, SendResult } from '../channel';

/**
 * The terminal as a channel: replies are printed, choices as numbered menus. It delivers to the
 * one person at the keyboard; messages for other console names wait in the outbox until they
 * open the chat.
 */
export class ConsoleChannel implements ChannelAdapter {
  readonly kind = 'console' as const;
  readonly capabilities = { buttons: false };

  constructor(private readonly write: (text: string) => void) {}

  async send(_address: string, message: RenderedMessage): Promise<SendResult> {
    this.write(`${message.text}\n\n`);
    return { status: 'sent' };
  }
}

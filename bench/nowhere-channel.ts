import type { ChannelAdapter, RenderedMessage, SendResult } from '../src/channels/channel';
import { CHANNEL_CAPABILITIES } from '../src/channels/capabilities';
import type { ChannelKind } from '../src/domain/channel-kind';

/**
 * A channel that sends nowhere, with the capabilities of `kind` (Telegram's buttons are rendered
 * as for Telegram), noting when each message left: Date.now(), whole milliseconds, as a platform
 * counts what it receives.
 */
export class NowhereChannel implements ChannelAdapter {
  readonly capabilities;
  readonly times: number[] = [];

  constructor(readonly kind: ChannelKind) {
    this.capabilities = CHANNEL_CAPABILITIES[kind];
  }

  /** Messages sent so far. */
  get sent(): number {
    return this.times.length;
  }

  async send(_address: string, message: RenderedMessage): Promise<SendResult> {
    // An empty render is a bug (a missing translation key): the dispatcher would count it as sent.
    if (message.text.length === 0) throw new Error('empty rendered message');
    this.times.push(Date.now());
    return { status: 'sent' };
  }
}

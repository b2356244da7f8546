import type { ChannelAdapter, ChannelCapabilities, RenderedMessage, SendResult } from '../../src/channels/channel';
import type { ChannelKind } from '../../src/domain/channel-kind';
import { CHANNEL_CAPABILITIES } from '../../src/channels/capabilities';

/** A message the recording channel was asked to send. */
export interface SentMessage {
  readonly address: string;
  readonly message: RenderedMessage;
}

/**
 * A channel adapter that records what it sends, and fails on demand: queue results with
 * `failNext`, they are used before falling back to success.
 */
export class RecordingChannel implements ChannelAdapter {
  readonly sent: SentMessage[] = [];
  private readonly scripted: SendResult[] = [];

  readonly capabilities: ChannelCapabilities;

  constructor(readonly kind: ChannelKind = 'console') {
    this.capabilities = CHANNEL_CAPABILITIES[kind];
  }

  failNext(...results: SendResult[]): void {
    this.scripted.push(...results);
  }

  async send(address: string, message: RenderedMessage): Promise<SendResult> {
    const scripted = this.scripted.shift();
    if (scripted && scripted.status !== 'sent') return scripted;
    this.sent.push({ address, message });
    return { status: 'sent', providerId: `msg-${this.sent.length}` };
  }

  /** Texts sent to `address`, and forgets them. */
  take(address?: string): string[] {
    const picked = this.sent.filter((s) => address === undefined || s.address === address);
    const texts = picked.map((s) => s.message.text);
    for (const item of picked) this.sent.splice(this.sent.indexOf(item), 1);
    return texts;
  }
}

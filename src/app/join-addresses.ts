import type { ChannelKind } from '../domain/channel-kind';
import type { Settings } from '../config/settings';
import type { ServedChannel } from './configured-channels';

/** Where residents write to the bot on one channel, as the public pages and posters show it. */
export interface JoinAddress {
  readonly channel: ChannelKind;
  /** As people type it: `@parlons_poitiers_bot`, `@parlons:example.org`, `+33549000000`. */
  readonly address: string;
}

/**
 * Where residents can write to the bot: the accounts the channels serve (known once they have
 * started) and the SMS number. None for the console, which is nobody's but the operator's.
 */
export function joinAddresses(settings: Settings, channels: readonly ServedChannel[]): JoinAddress[] {
  const addresses: JoinAddress[] = [];
  for (const channel of channels) {
    const address = channel.kind === 'sms' ? settings.sms?.publicNumber : channel.publicAddress?.();
    if (address) addresses.push({ channel: channel.kind, address });
  }
  return addresses;
}

/**
 * A link that opens a chat with the bot. On Telegram, `source` (a poster's name) is a deep link's
 * payload: Parlons records where people came from and opens registration. Null where no link
 * exists for the channel.
 */
export function joinLink(join: JoinAddress, source: string | null): string | null {
  switch (join.channel) {
    case 'telegram':
      return `https://t.me/${join.address.replace(/^@/, '')}${source ? `?start=${encodeURIComponent(source)}` : ''}`;
    case 'matrix':
      return `https://matrix.to/#/${join.address}`;
    case 'sms':
      return `sms:${join.address}`;
    case 'console':
      return null;
  }
}

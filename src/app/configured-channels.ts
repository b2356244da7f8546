import type { ChannelAdapter, ChannelReceiver } from '../channels/channel';
import { TelegramChannel } from '../channels/telegram/telegram-channel';
import type { Settings } from '../config/settings';
import type { Logger } from '../lib/logger';

/** A channel that both receives by itself and sends. */
export type ServedChannel = ChannelAdapter & ChannelReceiver;

/** The channels the settings turn on (none: `parlons start` opens the console chat). */
export function configuredChannels(settings: Settings, logger: Logger): ServedChannel[] {
  const channels: ServedChannel[] = [];
  const telegram = settings.telegram;
  if (telegram) {
    channels.push(
      new TelegramChannel({
        token: telegram.token,
        logger,
        ...(telegram.apiRoot ? { apiRoot: telegram.apiRoot } : {}),
        ...(telegram.webhook ? { webhook: telegram.webhook } : {}),
      }),
    );
  }
  return channels;
}

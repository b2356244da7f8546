import type { ChannelAdapter, ChannelReceiver } from '../channels/channel';
import { MatrixChannel } from '../channels/matrix/matrix-channel';
import { TelegramChannel } from '../channels/telegram/telegram-channel';
import type { App } from './create-app';

/** A channel that both receives by itself and sends. */
export type ServedChannel = ChannelAdapter & ChannelReceiver;

/** The channels the settings turn on (none: `parlons start` opens the console chat). */
export function configuredChannels(app: Pick<App, 'settings' | 'store' | 'logger'>): ServedChannel[] {
  const { settings, store, logger } = app;
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
  const matrix = settings.matrix;
  if (matrix) {
    // The store's Matrix repo has the shape of the channel's storage: the channel never imports store/.
    channels.push(new MatrixChannel({ homeserverUrl: matrix.homeserverUrl, accessToken: matrix.accessToken, storage: store.matrix, logger }));
  }
  return channels;
}

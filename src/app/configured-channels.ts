import type { ChannelAdapter, ChannelReceiver } from '../channels/channel';
import { MatrixChannel } from '../channels/matrix/matrix-channel';
import { GammuProvider } from '../channels/sms/gammu/gammu-provider';
import { SmsChannel } from '../channels/sms/sms-channel';
import type { SmsProvider } from '../channels/sms/sms-provider';
import { TelegramChannel } from '../channels/telegram/telegram-channel';
import { TwilioProvider } from '../channels/sms/twilio/twilio-provider';
import type { Settings, SmsSettings } from '../config/settings';
import type { ChannelKind } from '../domain/channel-kind';
import type { Logger } from '../lib/logger';
import type { App } from './create-app';
import { storeCallsThatWait } from './store-calls-that-wait';

/** A channel that both receives by itself and sends. */
export type ServedChannel = ChannelAdapter & ChannelReceiver;

/** How often the Gammu inbox folder is looked at; SMSD itself polls the modem more slowly. */
const GAMMU_POLL_INTERVAL_MS = 1_000;

function smsProvider(sms: SmsSettings, logger: Logger): SmsProvider {
  const provider = sms.provider;
  if (provider.kind === 'gammu') {
    return new GammuProvider({ configFile: provider.configFile, injectCommand: provider.injectCommand, pollIntervalMs: GAMMU_POLL_INTERVAL_MS, logger });
  }
  return new TwilioProvider({
    accountSid: provider.accountSid,
    authToken: provider.authToken,
    apiBase: provider.apiBase,
    from: provider.from,
    webhookUrl: provider.webhook.url,
    host: provider.webhook.host,
    port: provider.webhook.port,
    logger,
  });
}

/** The channels the settings turn on (none: `parlons start` opens the console chat). */
export function configuredChannels(app: Pick<App, 'settings' | 'store' | 'logger' | 'outage' | 'clock'>): ServedChannel[] {
  const { settings, store, logger, clock } = app;
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
    // The store's Matrix repos have the shapes of the channel's storages: the channel never imports store/.
    const outage = app.outage('inbound');
    const storage = storeCallsThatWait(store.matrix, outage);
    const e2ee = matrix.e2ee
      ? { storage: storeCallsThatWait(store.matrixCrypto, outage), passphrase: matrix.e2ee.passphrase, accountPassword: matrix.e2ee.accountPassword, clock, undecryptableGraceMs: matrix.e2ee.undecryptableWaitMs }
      : null;
    channels.push(new MatrixChannel({ homeserverUrl: matrix.homeserverUrl, accessToken: matrix.accessToken, storage, logger, ...(e2ee ? { e2ee } : {}) }));
  }
  const sms = settings.sms;
  if (sms) {
    channels.push(new SmsChannel({ provider: smsProvider(sms, logger), country: settings.city.country, transliterate: sms.transliterate, logger }));
  }
  return channels;
}

/** The setting naming the address a channel listens on (a webhook), with that address; null for a channel that does not listen. */
export function listenSettingOf(settings: Settings, kind: ChannelKind): { readonly setting: string; readonly address: string } | null {
  const telegram = settings.telegram?.webhook;
  if (kind === 'telegram' && telegram) return { setting: 'TELEGRAM_WEBHOOK_LISTEN', address: `${telegram.host}:${telegram.port}` };
  const sms = settings.sms?.provider;
  if (kind === 'sms' && sms?.kind === 'twilio') return { setting: 'SMS_TWILIO_WEBHOOK_LISTEN', address: `${sms.webhook.host}:${sms.webhook.port}` };
  return null;
}

import type { ChannelAdapter, ChannelReceiver } from '../channels/channel';
import type { SmsProvider } from '../channels/sms/sms-provider';
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
    const { GammuProvider } = require('../channels/sms/gammu/gammu-provider') as typeof import('../channels/sms/gammu/gammu-provider');
    return new GammuProvider({ configFile: provider.configFile, injectCommand: provider.injectCommand, pollIntervalMs: GAMMU_POLL_INTERVAL_MS, logger });
  }
  const { TwilioProvider } = require('../channels/sms/twilio/twilio-provider') as typeof import('../channels/sms/twilio/twilio-provider');
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

/**
 * The channels the settings turn on (none: `parlons start` opens the console chat). Each
 * channel's code, and its SDK, is loaded only when that channel is configured (a `require` at
 * that moment, typed as the module): the console chat never loads telegraf or matrix-bot-sdk,
 * whose HTML encoder warns of a deprecated Node API on Node 24, on standard error.
 */
export function configuredChannels(app: Pick<App, 'settings' | 'store' | 'logger' | 'outage' | 'clock'>): ServedChannel[] {
  const { settings, store, logger, clock } = app;
  const channels: ServedChannel[] = [];
  const telegram = settings.telegram;
  if (telegram) {
    const { TelegramChannel } = require('../channels/telegram/telegram-channel') as typeof import('../channels/telegram/telegram-channel');
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
    const { MatrixChannel } = require('../channels/matrix/matrix-channel') as typeof import('../channels/matrix/matrix-channel');
    channels.push(new MatrixChannel({ homeserverUrl: matrix.homeserverUrl, accessToken: matrix.accessToken, storage, logger, ...(e2ee ? { e2ee } : {}) }));
  }
  const sms = settings.sms;
  if (sms) {
    const { SmsChannel } = require('../channels/sms/sms-channel') as typeof import('../channels/sms/sms-channel');
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

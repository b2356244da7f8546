import type { ChannelAdapter } from '../channels/channel';
import { ConversationService } from '../conversation/conversation-service';
import { KeywordDetector } from '../conversation/keywords';
import type { Settings } from '../config/settings';
import { allFlows } from '../flows/definitions';
import { FlowEngine } from '../flows/engine/flow-engine';
import { flowFunctions } from '../flows/functions';
import { loadTranslator, type Translator } from '../i18n/translator';
import { systemClock, type Clock } from '../lib/clock';
import { createLogger, type Logger } from '../lib/logger';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { SendPacer } from '../outbox/send-pacer';
import { channelRates } from './channel-rates';
import { runHousekeeping } from './housekeeping';
import { sendDueDigests } from '../digest/send-digests';
import { fireDueReminders, type ReminderRun } from '../scheduler/fire-reminders';
import { endIdleActing } from '../scheduler/end-idle-acting';
import { PRIVACY_NOTICE_VERSION } from '../privacy/privacy-notice';
import { runConsultationSchedule } from '../consultations/consultation-schedule';
import { openDatabase } from '../store/database';
import { migrate } from '../store/migrate';
import type { ClaimFilter } from '../store/outbox-repo';
import { createStore, type Store } from '../store/store';
import { fillSignInLinks } from '../web-access/sign-in-link';

/** Replaceable parts, for tests and benchmarks. */
export interface AppOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Randomness for retry jitter. */
  readonly random?: () => number;
  /** How the dispatcher waits for a channel's rate (tests move a fake clock instead). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Everything wired together over one database. */
export interface App {
  readonly settings: Settings;
  readonly store: Store;
  readonly translator: Translator;
  readonly conversations: ConversationService;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Runs the scheduler once, as of `now`: opens and closes consultations whose time has come,
   * sends due reminders, then the mediators' daily digests when due.
   */
  runScheduler(now: Date): SchedulerRun;
  /** A dispatcher delivering through these adapters, optionally limited to some rows. */
  dispatcher(adapters: readonly ChannelAdapter[], scope?: Omit<ClaimFilter, 'limit'>): OutboxDispatcher;
  close(): void;
}

/** What a scheduler run did: reminders fired or skipped, consultations opened or closed, mediators' digests sent, messages queued. */
export interface SchedulerRun extends ReminderRun {
  readonly opened: number;
  readonly closed: number;
  readonly digests: number;
}

/** The quiet hours on the city's clock, or null when bulk may go at any hour. */
function quietHoursOf(settings: Settings) {
  return settings.quietHours ? { hours: settings.quietHours, timeZone: settings.city.timeZone } : null;
}

/** Opens the database (migrating it), loads the locales and builds the services. */
export function createApp(settings: Settings, options: AppOptions = {}): App {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const db = openDatabase(settings.dbFile);
  const report = migrate(db);
  if (report.applied.length > 0) logger.info('database_migrated', { from: report.from, to: report.to });
  const store = createStore(db);
  const pruned = runHousekeeping(store, clock.now());
  if (pruned.inboundIds + pruned.messages > 0) logger.info('housekeeping', { inbound_ids: pruned.inboundIds, messages: pruned.messages });
  const translator = loadTranslator(settings.defaultLanguage, settings.city.timeZone);
  const engine = new FlowEngine(allFlows, flowFunctions, translator, {
    city: settings.city,
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    humanContact: settings.humanContact,
    defaultLanguage: settings.defaultLanguage,
  });
  const conversations = new ConversationService({
    store,
    engine,
    keywords: new KeywordDetector((keyword) => translator.keywordWords(keyword)),
    clock,
    logger,
    humanContact: settings.humanContact,
    city: settings.city,
  });
  return {
    settings,
    store,
    translator,
    conversations,
    clock,
    logger,
    runScheduler: (now) => {
      const consultations = runConsultationSchedule(store, conversations, logger, now);
      // An erased person's Matrix chat is forgotten once their goodbye has gone, not at the next start only.
      store.matrix.forgetErased();
      const idle = endIdleActing(store, settings.city, now);
      if (idle > 0) logger.info('acting_expired', { count: idle });
      const reminders = fireDueReminders({ store, conversations, logger, quietHours: quietHoursOf(settings), answeredOnly: settings.remindAnsweredOnly }, now);
      // After the reminders: what they could not deliver goes in today's digest.
      const digests = sendDueDigests({ store, logger, city: settings.city, defaultLanguage: settings.defaultLanguage, digestTime: settings.mediatorDigestTime }, now);
      return {
        ...reminders,
        opened: consultations.opened,
        closed: consultations.closed,
        digests: digests.digests,
        messages: reminders.messages + consultations.messages + digests.messages,
      };
    },
    dispatcher: (adapters, scope) =>
      new OutboxDispatcher({
        db,
        outbox: store.outbox,
        contacts: store.contacts,
        stats: store.stats,
        translator,
        adapters,
        clock,
        logger,
        random: options.random ?? Math.random,
        pacer: new SendPacer(channelRates(settings), clock, options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))),
        quietHours: quietHoursOf(settings),
        fillAtSend: (message, now) => fillSignInLinks(store, settings.web.url, message, now),
        ...(scope ? { scope } : {}),
      }),
    close: () => db.close(),
  };
}

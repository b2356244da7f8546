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
import { StoreLiveData } from '../outbox/live-data';
import { SendPacer } from '../outbox/send-pacer';
import { channelRates } from './channel-rates';
import { runHousekeeping } from './housekeeping';
import { sendDueDigests } from '../digest/send-digests';
import { fireDueReminders, type ReminderRun } from '../scheduler/fire-reminders';
import { endIdleActing } from '../scheduler/end-idle-acting';
import { PRIVACY_NOTICE_VERSION } from '../privacy/privacy-notice';
import { runConsultationSchedule } from '../consultations/consultation-schedule';
import { openDatabase, openDatabaseForReading, type Db, type ReadingConnection } from '../store/database';
import { migrate, requireCurrentSchema } from '../store/migrate';
import { runDrawSchedule, type DrawScheduleRun } from '../draws/draw-schedule';
import { AutomaticReplacements } from '../draws/automatic-replacements';
import { StoreOutage } from '../store/store-outage';
import { DatabaseUnavailableError, naming } from '../store/store-problem';
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
  /**
   * `read`: the command only reads. The database is still opened as usual when it can be
   * written (created, migrated, tidied); when it cannot (a read-only or full disk, a lock held
   * too long), it is opened for reading only, so that such commands still work. Default `write`.
   */
  readonly access?: 'read' | 'write';
  /** How long a write waits for another connection's lock (see OpenOptions). */
  readonly busyTimeoutMs?: number;
}

/** Everything wired together over one database. */
export interface App {
  readonly settings: Settings;
  readonly store: Store;
  readonly translator: Translator;
  readonly conversations: ConversationService;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The follower of the times the database cannot be written, for one part of the process that retries (`inbound`, `sender`, `scheduler`): one per part. */
  outage(where: string): StoreOutage;
  /**
   * Runs the scheduler once, as of `now`: opens and closes consultations whose time has come,
   * sends due reminders, draws' reminders, freed seats and replacements, then the mediators'
   * daily digests when due.
   */
  runScheduler(now: Date): SchedulerRun;
  /** Resolves when every replacement the scheduler started has ended (before a one-off run exits, in tests). */
  replacementsDone(): Promise<void>;
  /** A dispatcher delivering through these adapters, optionally limited to some rows. */
  dispatcher(adapters: readonly ChannelAdapter[], scope?: Omit<ClaimFilter, 'limit'>): OutboxDispatcher;
  close(): void;
}

/** What a scheduler run did: reminders fired or skipped, consultations opened or closed, mediators' digests sent, messages queued. */
export interface SchedulerRun extends ReminderRun {
  readonly opened: number;
  readonly closed: number;
  readonly digests: number;
  /** Draws: reminders, seats freed at the end of their delay. */
  readonly draws: DrawScheduleRun;
  /**
   * The replacements for seats freed at the end of their delay, computed in a worker thread:
   * resolves, once those started by this run have ended, with how many people were invited.
   */
  readonly replacing: Promise<number>;
}

/** The quiet hours on the city's clock, or null when bulk may go at any hour. */
function quietHoursOf(settings: Settings) {
  return settings.quietHours ? { hours: settings.quietHours, timeZone: settings.city.timeZone } : null;
}

/** The database, migrated and tidied when it can be written; else, for a command that only reads, opened for reading. */
function openStore(settings: Settings, options: AppOptions, clock: Clock, logger: Logger): { db: Db; close: () => void } {
  try {
    return openForWriting(settings, options, clock, logger);
  } catch (error) {
    if (options.access !== 'read' || !(error instanceof DatabaseUnavailableError) || error.problem === 'not_a_database') throw error;
    logger.debug('database_opened_for_reading', { problem: error.problem });
    let reading: ReadingConnection;
    try {
      reading = openDatabaseForReading(settings.dbFile);
    } catch {
      // The first problem says more (why the file could not be created, say).
      throw error;
    }
    try {
      naming(settings.dbFile, () => requireCurrentSchema(reading.db, settings.dbFile));
    } catch (error) {
      reading.close();
      throw error;
    }
    return reading;
  }
}

/**
 * Opens the database for writing and migrates it (a migration writes only when one is due);
 * a command that writes also tidies it (housekeeping), one that only reads does not, so that it
 * never waits for another program's write lock.
 */
function openForWriting(settings: Settings, options: AppOptions, clock: Clock, logger: Logger): { db: Db; close: () => void } {
  const db = openDatabase(settings.dbFile, options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {});
  try {
    const report = naming(settings.dbFile, () => migrate(db));
    if (report.applied.length > 0) logger.info('database_migrated', { from: report.from, to: report.to });
    if (options.access === 'read') return { db, close: () => db.close() };
    const pruned = naming(settings.dbFile, () => runHousekeeping(createStore(db), clock.now()));
    if (pruned.inboundIds + pruned.messages > 0) logger.info('housekeeping', { inbound_ids: pruned.inboundIds, messages: pruned.messages });
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, close: () => db.close() };
}

/** Opens the database (migrating it, unless for reading only), loads the locales and builds the services. */
export function createApp(settings: Settings, options: AppOptions = {}): App {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const { db, close } = openStore(settings, options, clock, logger);
  const store = createStore(db);
  const outages = new Map<string, StoreOutage>();
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
  const replacements = new AutomaticReplacements({ store, conversations, logger, clock });
  return {
    settings,
    store,
    translator,
    conversations,
    clock,
    logger,
    outage: (where) => {
      const known = outages.get(where) ?? new StoreOutage(logger, clock, settings.dbFile, where);
      outages.set(where, known);
      return known;
    },
    replacementsDone: () => replacements.idle(),
    runScheduler: (now) => {
      const consultations = runConsultationSchedule(store, conversations, logger, now);
      // An erased person's Matrix chat is forgotten once their goodbye has gone, not at the next start only.
      store.matrix.forgetErased();
      const idle = endIdleActing(store, settings.city, now);
      if (idle > 0) logger.info('acting_expired', { count: idle });
      const reminders = fireDueReminders({ store, conversations, logger, quietHours: quietHoursOf(settings), answeredOnly: settings.remindAnsweredOnly }, now);
      const draws = runDrawSchedule({ store, conversations, logger }, now);
      const replacing = replacements.start();
      // After the reminders and invitations: what they could not deliver goes in today's digest.
      const digests = sendDueDigests({ store, logger, city: settings.city, digestTime: settings.mediatorDigestTime }, now);
      return {
        ...reminders,
        opened: consultations.opened,
        closed: consultations.closed,
        digests: digests.digests,
        draws,
        replacing,
        messages: reminders.messages + consultations.messages + digests.messages + draws.reminded + draws.expired,
      };
    },
    dispatcher: (adapters, scope) =>
      new OutboxDispatcher({
        db,
        outbox: store.outbox,
        contacts: store.contacts,
        stats: store.stats,
        translator,
        live: new StoreLiveData(store),
        adapters,
        clock,
        logger,
        random: options.random ?? Math.random,
        pacer: new SendPacer(channelRates(settings), clock, options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))),
        quietHours: quietHoursOf(settings),
        fillAtSend: (message, now) => fillSignInLinks(store, settings.web.url, message, now),
        ...(scope ? { scope } : {}),
      }),
    close,
  };
}

import { peopleAndContactPoints } from './001-people-and-contact-points';
import { conversationsAndOutbox } from './002-conversations-and-outbox';
import { statCounters } from './003-stat-counters';
import { outboxQueueIndex } from './004-outbox-queue-index';
import { deepLinksAndGroupChats } from './005-deep-links-and-group-chats';
import { broadcasts } from './006-broadcasts';
import { assemblySessions } from './007-assembly-sessions';
import { ideas } from './008-ideas';
import { consultations } from './009-consultations';
import { matrixState } from './010-matrix-state';
import { mediation } from './011-mediation';
import { invitationGuesses } from './012-invitation-guesses';
import { outboxAsSent } from './013-outbox-as-sent';
import { webAccess } from './014-web-access';
import { matrixCrypto } from './015-matrix-crypto';
import { outboxWaitingIndex } from './016-outbox-waiting-index';
import { draws } from './017-draws';
import { outboxQuestionAndAbout } from './018-outbox-question-and-about';
import type { Migration } from './migration';

/** Every migration, in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [peopleAndContactPoints, conversationsAndOutbox, statCounters, outboxQueueIndex, deepLinksAndGroupChats, broadcasts, assemblySessions, ideas, consultations, matrixState, mediation, invitationGuesses, outboxAsSent, webAccess, matrixCrypto, outboxWaitingIndex, draws, outboxQuestionAndAbout];

import type { SessionChanges } from '../../src/sessions/manage-sessions';

/** Session 2, on 2026-11-23 at 10:00 in Paris (winter time: UTC+1): tomorrow for the tests' clocks, which start on 2026-11-22. */
export const TOMORROW_SESSION: SessionChanges = {
  title: { fr: 'Séance 2', en: 'Session 2' },
  description: null,
  place: 'Salle des fêtes',
  startsAt: '2026-11-23T09:00:00.000Z',
  endsAt: '2026-11-23T11:00:00.000Z',
  reminderOffsets: null,
};

import type { AssemblySession } from '../domain/assembly-session';
import type { AudienceFilter } from '../domain/audience';
import type { City } from '../domain/city';
import { neighbourhoodLabel } from '../domain/person-label';
import { text, type Text, type TextParam } from '../domain/text';

/**
 * Who a notice goes to, in words ("les volontaires du quartier Trois-Cités"): the agent desk in
 * chat and the back-office say it the same way. `session` finds a session by id, and `title`
 * gives its title in the reader's language.
 */
export function audienceWords(filter: AudienceFilter, city: City, session: (id: number) => AssemblySession | undefined, title: (session: AssemblySession) => TextParam): Text {
  switch (filter.kind) {
    case 'all':
    case 'volunteers':
    case 'registered':
    case 'assembly_members':
      return text(`agent:audience.${filter.kind}`);
    case 'neighbourhood':
      return text('agent:audience.of_neighbourhood', { name: neighbourhoodLabel(filter.neighbourhood, city) });
    case 'language':
      return text('agent:audience.of_language', { language: text(`common:language_name.${filter.language}`) });
    case 'role':
      return text('agent:audience.of_role', { role: text(`agent:role.${filter.role}`) });
    case 'session_answer': {
      const found = session(filter.sessionId);
      return found ? text('agent:audience.of_session', { title: title(found), when: { dateTime: found.startsAt } }) : text('agent:audience.of_session_id', { id: filter.sessionId });
    }
    case 'person':
      return text('agent:audience.one_person');
  }
}

import type { City } from '../domain/city';
import type { AudienceFilter } from '../domain/audience';
import { isLanguage } from '../domain/language';
import { OTHER_NEIGHBOURHOOD } from '../domain/profile';
import { ROLES, type Role } from '../domain/role';

/** Why an audience spec cannot be read: the key of a CLI message and its parameters. */
export interface AudienceProblem {
  readonly key: string;
  readonly params: Record<string, string>;
}

/**
 * Reads audience specs as agents write them: `all`, `volunteers`, `registered`, `assembly`, `neighbourhood:<id>`,
 * `language:<fr|en>`, `role:<role>`, `said-yes:<session id>`. Every spec must hold; an unknown one is a problem, never
 * silently "everyone".
 */
export function parseAudience(specs: readonly string[], city: City): AudienceFilter[] | AudienceProblem {
  const filters: AudienceFilter[] = [];
  for (const spec of specs.length > 0 ? specs : ['all']) {
    const [kind = '', value = ''] = spec.trim().split(/:(.*)/s);
    if (kind === 'all' && value === '') filters.push({ kind: 'all' });
    else if (kind === 'volunteers' && value === '') filters.push({ kind: 'volunteers' });
    else if (kind === 'registered' && value === '') filters.push({ kind: 'registered' });
    else if (kind === 'assembly' && value === '') filters.push({ kind: 'assembly_members' });
    else if (kind === 'neighbourhood' && (value === OTHER_NEIGHBOURHOOD || city.neighbourhoods.some((n) => n.id === value))) filters.push({ kind, neighbourhood: value });
    else if (kind === 'neighbourhood') return { key: 'broadcast.unknown_neighbourhood', params: { value, known: city.neighbourhoods.map((n) => n.id).join(', ') } };
    else if (kind === 'language' && isLanguage(value)) filters.push({ kind, language: value });
    else if (kind === 'role' && (ROLES as readonly string[]).includes(value)) filters.push({ kind, role: value as Role });
    else if (kind === 'said-yes' && /^\d+$/.test(value)) filters.push({ kind: 'session_answer', sessionId: Number(value), answers: ['yes'] });
    else return { key: 'broadcast.unknown_audience', params: { spec } };
  }
  return filters;
}

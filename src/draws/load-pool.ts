import type { DrawDefinition } from '../domain/draw';
import type { Role } from '../domain/role';
import type { PersonRecord } from '../store/people-repo';
import type { Store } from '../store/store';

/** A person of the pool and their value for each category of the draw, in order. */
export interface PoolPerson {
  readonly personId: number;
  readonly values: readonly string[];
}

/** Why people of the source are not in the pool, counted. */
export interface LeftOut {
  /** Left out by the file (already drawn…). */
  readonly excluded: number;
  /** Without an answer to one of the categories (a role holder who never registered, a question added since). */
  readonly incomplete: number;
  /** Who asked for no messages (STOP): they cannot be invited. */
  readonly optedOut: number;
  /** Neither a reachable contact point nor a mediator: nobody could tell them. */
  readonly unreachable: number;
}

/** The pool, and who was left out. */
export interface Pool {
  readonly people: readonly PoolPerson[];
  readonly leftOut: LeftOut;
}

/** A person's value for a profile field: a standard one, or an answer to the city's own questions. */
function valueOf(person: PersonRecord, answers: Readonly<Record<string, string>>, field: string): string | null {
  const profile = person.profile;
  switch (field) {
    case 'neighbourhood':
      return profile?.neighbourhood ?? null;
    case 'age_bracket':
      return profile?.ageBracket ?? null;
    case 'gender':
      return profile?.gender ?? null;
    case 'equipment':
      return profile?.equipment ?? null;
    default:
      return answers[field] ?? null;
  }
}

/** The people the definition's source names (volunteers, a role's holders, those who accepted an earlier draw). */
function sourceIds(store: Store, definition: DrawDefinition): number[] {
  switch (definition.pool.kind) {
    case 'volunteers':
      return store.people.volunteerIds();
    case 'role':
      // The quotas file only admits role names from ROLES.
      return [...new Set(store.people.roleHolders([definition.pool.role as Role]).map((h) => h.personId))];
    case 'draw':
      return store.draws.acceptedIn(definition.pool.drawId);
  }
}

/**
 * Reads the pool of a draw from the store: the people its source names, less those the file
 * leaves out, those who opted out, those nobody can reach, and those without a value for every
 * category. Call inside a transaction, so that the pool is one moment's.
 */
export function loadPool(store: Store, definition: DrawDefinition): Pool {
  const excludedIds = store.draws.invitedPeople(definition.exclude.drawnSince, definition.exclude.draws);
  let excluded = 0;
  let incomplete = 0;
  let optedOut = 0;
  let unreachable = 0;
  const people: PoolPerson[] = [];
  for (const personId of sourceIds(store, definition)) {
    const person = store.people.find(personId);
    if (!person) continue;
    if (excludedIds.has(personId)) {
      excluded += 1;
      continue;
    }
    if (person.optedOutAt) {
      optedOut += 1;
      continue;
    }
    const answers = store.profileAnswers.of(personId);
    const values = definition.categories.map((c) => valueOf(person, answers, c.field));
    if (values.some((v, i) => v === null || !definition.categories[i]?.values.some((q) => q.value === v))) {
      incomplete += 1;
      continue;
    }
    const reachable = store.contacts.forPerson(personId).some((c) => c.unreachableAt === null) || store.digest.mediated([personId]).length > 0;
    if (!reachable) {
      unreachable += 1;
      continue;
    }
    people.push({ personId, values: values as string[] });
  }
  return { people, leftOut: { excluded, incomplete, optedOut, unreachable } };
}

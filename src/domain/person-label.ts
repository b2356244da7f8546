import type { City } from './city';
import { OTHER_NEIGHBOURHOOD } from './profile';
import { literal, text, type Text } from './text';

/** How a neighbourhood id reads: its proper name, or "other". */
export function neighbourhoodLabel(id: string, city: City): Text {
  if (id === OTHER_NEIGHBOURHOOD) return text('profile:neighbourhood.other');
  const found = city.neighbourhoods.find((n) => n.id === id);
  return found ? literal(found.name) : literal(id);
}

/**
 * How staff see a person they act for or look for: "Camille (Trois-Cités)", or "person no. 12"
 * when the person has no volunteer profile. Only what the mediator needs to recognise them.
 */
export function personLabel(person: { readonly id: number; readonly firstName: string | null; readonly neighbourhood: string | null }, city: City): Text {
  if (person.firstName === null) return text('mediation:person_label_id', { id: person.id });
  if (person.neighbourhood === null) return literal(person.firstName);
  return text('mediation:person_label', { name: literal(person.firstName), neighbourhood: neighbourhoodLabel(person.neighbourhood, city) });
}

import { OTHER_NEIGHBOURHOOD } from '../../domain/profile';
import { literal, text } from '../../domain/text';
import type { ChoiceOption } from '../engine/flow-definition';
import type { StepContext } from '../engine/flow-functions';

/** Named providers: option lists that come from data rather than from the flow definition. */
export const providers: Readonly<Record<string, (ctx: StepContext) => readonly ChoiceOption[]>> = {
  /** The city's neighbourhoods (from `data/cities/`), then "another one / I do not know". */
  neighbourhoods: (ctx) => [
    ...ctx.settings.city.neighbourhoods.map((n) => ({ id: n.id, label: literal(n.name), aliases: n.aliases })),
    { id: OTHER_NEIGHBOURHOOD, label: text('profile:neighbourhood.other') },
  ],
};

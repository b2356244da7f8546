import { UNDISCLOSED } from '../domain/draw';
import { POPULATION_FIELDS } from '../domain/city';
import type { SeatStatus } from '../draws/record/public-record';
import { profileValue } from './figures';
import type { PageContext } from './web-routes';

/** The city's own question a draw's category is about, if it is one. */
function cityQuestion(ctx: PageContext, field: string) {
  return ctx.app.settings.city.profileQuestions?.find((q) => q.id === field) ?? null;
}

/** A draw's category (a profile field) in the visitor's words: a standard field's name, or the city's question's. */
export function drawFieldName(ctx: PageContext, field: string): string {
  if ((POPULATION_FIELDS as readonly string[]).includes(field)) return ctx.t(`figures.field.${field}`);
  const question = cityQuestion(ctx, field);
  return question ? ctx.agentText(question.field) : field;
}

/** A draw's category as a heading or at the start of a line: "Âge", where a sentence says "âge". */
export function drawFieldHeading(ctx: PageContext, field: string): string {
  const name = drawFieldName(ctx, field);
  return name.charAt(0).toLocaleUpperCase(ctx.language) + name.slice(1);
}

/** A value of a draw's category in the visitor's words, as the chat names it. */
export function drawValueName(ctx: PageContext, field: string, value: string): string {
  const question = cityQuestion(ctx, field);
  if (!question) return profileValue(ctx, field, value, ctx.app.settings.city);
  if (value === UNDISCLOSED) return ctx.say({ key: 'profile:city_question.undisclosed' });
  const option = question.options.find((o) => o.id === value);
  return option ? ctx.agentText(option.label) : value;
}

/** A seat's answer in the visitor's words (the chat's: "accepted", "no answer in time"…). */
export function seatStatusName(ctx: PageContext, status: SeatStatus): string {
  return ctx.say({ key: `draws:seat_status.${status}` });
}

import type { City } from '../domain/city';
import { neighbourhoodLabel } from '../domain/person-label';
import type { Breakdown } from '../reporting/volunteer-breakdowns';
import { dataTable } from './components';
import { html, type SafeHtml } from './html';
import type { PageContext } from './web-routes';

/** A profile value in the visitor's words: a neighbourhood's name, or the chat's label for an age bracket, a gender… */
export function profileValue(ctx: PageContext, field: string, value: string, city: City): string {
  return field === 'neighbourhood' ? ctx.say(neighbourhoodLabel(value, city)) : ctx.say({ key: `profile:${field}.${value}` });
}

/**
 * Volunteers by category, one table each, beside the city's population when known. Hidden cells
 * (published figures) read "not published".
 */
export function breakdownTables(ctx: PageContext, breakdowns: readonly Breakdown[]): SafeHtml {
  const city = ctx.app.settings.city;
  const shown = breakdowns.filter((breakdown) => breakdown.rows.some((row) => row.count !== null));
  if (shown.length === 0) return html`<p>${ctx.t('figures.not_enough')}</p>`;
  return html`${shown.map((breakdown) => {
    const withPopulation = breakdown.rows.some((row) => row.populationShare !== null);
    const headings = [ctx.t(`figures.field.${breakdown.field}`), ctx.t('figures.volunteers'), ctx.t('figures.share'), ...(withPopulation ? [ctx.t('figures.population_share')] : [])];
    const rows = breakdown.rows.map((row) => [
      profileValue(ctx, breakdown.field, row.value, city),
      row.count === null ? ctx.t('figures.hidden') : ctx.number(row.count),
      row.share === null ? '—' : ctx.number(row.share, 'percent'),
      ...(withPopulation ? [row.populationShare === null ? '—' : ctx.number(row.populationShare, 'percent')] : []),
    ]);
    return dataTable(ctx.t('figures.caption', { field: ctx.t(`figures.field.${breakdown.field}`), total: breakdown.total }), headings, rows, { numeric: withPopulation ? [1, 2, 3] : [1, 2] });
  })}`;
}

import type { ProblemTranslator } from '../consultations/consultation-file';
import type { CategoryQuotas } from './record/lottery';
import type { InfeasibilityExplanation } from './selection/infeasibility';

/** How a face names a category and its values (the CLI by ids, the web in words). */
export interface CategoryNames {
  field(field: string): string;
  value(field: string, value: string): string;
}

/** Ids as they are in the quotas file. */
const IDS: CategoryNames = { field: (field) => field, value: (_field, value) => value };

/**
 * Why quotas cannot be met, one line each, in the `parlons` command's words (`t` renders `cli:`
 * keys): the pool too small, the categories impossible on their own, those that conflict, then
 * the smallest relaxation, quota by quota.
 */
export function explanationLines(t: ProblemTranslator, explanation: InfeasibilityExplanation, categories: readonly CategoryQuotas[], names: CategoryNames = IDS): string[] {
  if (explanation.poolTooSmall) return [t('draw.pool_too_small')];
  const field = (c: number) => names.field(categories[c]?.field ?? String(c));
  const lines: string[] = [];
  if (explanation.alone.length > 0) lines.push(t('draw.alone', { fields: explanation.alone.map(field).join(', ') }));
  if (explanation.conflicts.length > 0) lines.push(t('draw.conflicts', { pairs: explanation.conflicts.map(([a, b]) => `${field(a)} + ${field(b)}`).join(', ') }));
  if (explanation.relaxation.length > 0) {
    lines.push(t('draw.relaxation'));
    for (const change of explanation.relaxation) {
      const category = categories[change.category];
      const value = category?.values[change.value]?.value ?? String(change.value);
      const at = { field: field(change.category), value: names.value(category?.field ?? '', value) };
      if (change.to.min !== change.from.min) lines.push(t('draw.change_min', { ...at, from: change.from.min, to: change.to.min }));
      if (change.to.max !== change.from.max) lines.push(t('draw.change_max', { ...at, from: change.from.max, to: change.to.max }));
    }
  }
  return lines;
}

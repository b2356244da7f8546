import { html, type HtmlValue, type SafeHtml } from './html';
import type { TimeProblem } from '../lib/local-time-input';
import type { PageContext } from './web-routes';

/** The hidden field that carries the anti-forgery token: every form has it. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

/** The id of a field's element, from its name (`questions.0.text_fr` → `f-questions-0-text_fr`). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** What a form field shows: its name, label, value, and the problem found with it, if any. */
export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly problem?: string | undefined;
  readonly hint?: string;
  readonly required?: boolean;
  /** The language of the expected text, when it is not the page's (the English title on a French page). */
  readonly lang?: string;
}

/** The label, hint and problem around a field, with the attributes that tie them to it. */
function described(options: FieldOptions, control: (attributes: SafeHtml) => SafeHtml): SafeHtml {
  const id = fieldId(options.name);
  const hintId = options.hint ? `${id}-hint` : null;
  const problemId = options.problem ? `${id}-problem` : null;
  const describedBy = [problemId, hintId].filter((x) => x !== null).join(' ');
  const attributes = html`id="${id}" name="${options.name}"${options.required ? html` required` : ''}${options.lang ? html` lang="${options.lang}"` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${options.problem ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field${options.problem ? ' has-problem' : ''}">
  <label for="${id}">${options.label}</label>
  ${hintId ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
  ${problemId ? html`<p class="problem" id="${problemId}">${options.problem}</p>` : ''}
  ${control(attributes)}
</div>`;
}

/** A one-line text field (or another input type: `datetime-local`, `search`…). */
export function textField(options: FieldOptions & { readonly type?: string; readonly autocomplete?: string; readonly maxlength?: number }): SafeHtml {
  return described(
    options,
    (attributes) =>
      html`<input type="${options.type ?? 'text'}" ${attributes} value="${options.value ?? ''}"${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${
        options.maxlength ? html` maxlength="${options.maxlength}"` : ''
      }>`,
  );
}

/** A text area. */
export function textArea(options: FieldOptions & { readonly rows?: number }): SafeHtml {
  return described(options, (attributes) => html`<textarea ${attributes} rows="${options.rows ?? 4}">${options.value ?? ''}</textarea>`);
}

/** A drop-down list. */
export function selectField(options: FieldOptions & { readonly choices: readonly { readonly value: string; readonly label: string }[] }): SafeHtml {
  return described(
    options,
    (attributes) => html`<select ${attributes}>${options.choices.map((c) => html`<option value="${c.value}"${c.value === options.value ? html` selected` : ''}>${c.label}</option>`)}</select>`,
  );
}

/** A checkbox with its label after it. */
export function checkbox(options: { readonly name: string; readonly label: string; readonly checked: boolean; readonly value?: string }): SafeHtml {
  const id = fieldId(`${options.name}-${options.value ?? 'on'}`);
  return html`<div class="field checkbox"><input type="checkbox" id="${id}" name="${options.name}" value="${options.value ?? 'on'}"${options.checked ? html` checked` : ''}> <label for="${id}">${options.label}</label></div>`;
}

/** The problems of a form, listed before it, each a link to its field. */
export function problemSummary(ctx: PageContext, problems: readonly { readonly field: string; readonly message: string }[]): SafeHtml | '' {
  if (problems.length === 0) return '';
  return html`<div class="problem-summary" role="alert" aria-labelledby="problem-summary-title">
  <h2 id="problem-summary-title">${ctx.t('form.problems', { count: problems.length })}</h2>
  <ul>${problems.map((p) => html`<li><a href="#${fieldId(p.field)}">${p.message}</a></li>`)}</ul>
</div>`;
}

/** A table with a caption, column headings, and rows (the first cell of each row heads it). */
export function dataTable(caption: string, headings: readonly string[], rows: readonly (readonly HtmlValue[])[], options: { readonly numeric?: readonly number[] } = {}): SafeHtml {
  const numeric = new Set(options.numeric ?? []);
  const cell = (value: HtmlValue, column: number) => (numeric.has(column) ? html`<td class="number">${value}</td>` : html`<td>${value}</td>`);
  return html`<div class="table-wrap"><table>
  <caption>${caption}</caption>
  <thead><tr>${headings.map((h, i) => html`<th scope="col"${numeric.has(i) ? html` class="number"` : ''}>${h}</th>`)}</tr></thead>
  <tbody>${rows.map((row) => html`<tr>${row.map((value, i) => (i === 0 ? html`<th scope="row">${value}</th>` : cell(value, i)))}</tr>`)}</tbody>
</table></div>`;
}

/** A form whose only content is a button (open, close, publish…), posted with its token. */
export function buttonForm(ctx: PageContext, action: string, label: string, options: { readonly hidden?: Readonly<Record<string, string>>; readonly danger?: boolean } = {}): SafeHtml {
  return html`<form method="post" action="${ctx.href(action)}" class="inline">${csrfField(ctx)}${Object.entries(options.hidden ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit"${options.danger ? html` class="danger"` : ''}>${label}</button></form>`;
}

/** The notice shown after an action succeeded (`?done=` on the page the form led back to). */
export function doneNotice(message: string | null): SafeHtml | '' {
  return message ? html`<p class="done" role="status">${message}</p>` : '';
}

/** A typed time's problem in the agent's words (unreadable, skipped by summer time, happening twice). */
export function timeProblemWords(ctx: PageContext, value: string, problem: TimeProblem): string {
  const zone = ctx.app.settings.city.timeZone;
  switch (problem.problem) {
    case 'bad_time':
      return ctx.t('form.bad_time', { value, zone });
    case 'skipped_time':
      return ctx.t('form.time_skipped', { value, zone });
    case 'twice':
      return ctx.t('form.time_twice', { value, zone, first: problem.first, second: problem.second });
  }
}

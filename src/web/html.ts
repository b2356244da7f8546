/**
 * HTML built by our own tagged template: every value put in a template is escaped, unless it is
 * already HTML (a `SafeHtml` from another template, or `trustedHtml` for markup we drew
 * ourselves). A page cannot carry a visitor's text unescaped by accident.
 */

/** Markup that is safe to put in a page as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What a template accepts: text (escaped), numbers, HTML, lists of them; nothing for null, undefined or false. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function written(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(written).join('');
  return escapeHtml(String(value));
}

/** The template tag: `html\`<p>${name}</p>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += written(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup we drew ourselves (the results chart, a QR code): never text that came from a person. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

import { readConsultationData, type FileProblem, type ReadResult } from '../../../consultations/consultation-file';
import { CONSULTATION_AUDIENCES } from '../../../domain/consultation';
import { SUPPORTED_LANGUAGES, type Language } from '../../../domain/language';
import { foldText } from '../../../lib/text/normalize';
import { checkbox, csrfField, fieldId, problemSummary, selectField, textArea, textField } from '../../components';
import { html, type SafeHtml } from '../../html';
import { cliWords } from '../../results-view';
import type { FormFields, PageContext } from '../../web-routes';

/** Question types in the order the form offers them (the file's names). */
const QUESTION_TYPES = ['yes_no', 'one_choice', 'several_choices', 'majority_judgment', 'comment'] as const;
/** A new form starts with one question; the file allows up to 20. */
const MAX_QUESTIONS = 20;

/** One question as the form holds it: every field as typed. */
interface QuestionFields {
  readonly type: string;
  readonly text: Readonly<Record<string, string>>;
  readonly optional: boolean;
  /** Options or proposals, one per line, `Français | English` (one label alone: the same in every language). */
  readonly options: string;
  readonly max: string;
  /** A majority judgment's grades, best first, one per line like options; empty: the default scale. */
  readonly grades: string;
}

/** A consultation as the form holds it. */
export interface ConsultationFields {
  readonly title: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly opens: string;
  readonly closes: string;
  readonly audience: string;
  readonly questions: readonly QuestionFields[];
}

const blankQuestion: QuestionFields = { type: 'yes_no', text: {}, optional: false, options: '', max: '', grades: '' };

/** An empty form. */
export const BLANK_CONSULTATION: ConsultationFields = { title: {}, description: {}, opens: '', closes: '', audience: 'registered', questions: [blankQuestion] };

const perLanguage = (form: FormFields, name: string) => Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, form.get(`${name}_${language}`)]));

/**
 * The form as posted, with a question added or removed when the agent pressed those buttons
 * (the form works without script: the page comes back with one question more or less).
 */
export function postedConsultation(form: FormFields): { readonly fields: ConsultationFields; readonly intent: 'create' | 'edit' } {
  const count = Math.min(MAX_QUESTIONS, Math.max(0, Number(form.get('question_count')) || 0));
  let questions: QuestionFields[] = Array.from({ length: count }, (_, i) => ({
    type: form.get(`questions.${i}.type`),
    text: perLanguage(form, `questions.${i}.text`),
    optional: form.has(`questions.${i}.optional`),
    options: form.get(`questions.${i}.options`),
    max: form.get(`questions.${i}.max`),
    grades: form.get(`questions.${i}.grades`),
  }));
  const action = form.get('action');
  if (action === 'add_question' && questions.length < MAX_QUESTIONS) questions = [...questions, blankQuestion];
  const removed = /^remove_question:(\d+)$/.exec(action);
  if (removed) questions = questions.filter((_, i) => i !== Number(removed[1]));
  return {
    fields: { title: perLanguage(form, 'title'), description: perLanguage(form, 'description'), opens: form.get('opens'), closes: form.get('closes'), audience: form.get('audience'), questions },
    intent: action === 'create' ? 'create' : 'edit',
  };
}

/** A label line: `Français | English`, or one text for every language. */
function label(line: string): string | Record<string, string> {
  const parts = line.split('|').map((part) => part.trim());
  if (parts.length === 1) return parts[0] ?? '';
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((language, i) => [language, parts[i] ?? '']));
}

/** An option's id, from its label in the default language: `Bus de nuit` → `bus_de_nuit`. */
function optionId(line: string, index: number, language: Language): string {
  const named = label(line);
  const text = typeof named === 'string' ? named : (named[language] ?? '');
  const id = foldText(text).replace(/ /g, '_').replace(/[^a-z0-9_]/g, '').slice(0, 40);
  return /^[a-z0-9]/.test(id) ? id : `option_${index + 1}`;
}

const lines = (value: string) => value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');

/** The form as the data a consultation file holds, for the file's own checks. */
function asFileData(fields: ConsultationFields, defaultLanguage: Language): unknown {
  const description = Object.values(fields.description).some((value) => value.trim() !== '') ? fields.description : undefined;
  return {
    title: fields.title,
    ...(description ? { description } : {}),
    opens: fields.opens,
    closes: fields.closes,
    audience: fields.audience,
    questions: fields.questions.map((q, i) => {
      const options = lines(q.options).map((line, j) => ({ id: optionId(line, j, defaultLanguage), label: label(line) }));
      const base = { id: `q${i + 1}`, type: q.type, text: q.text, optional: q.optional };
      switch (q.type) {
        case 'one_choice':
          return { ...base, options };
        case 'several_choices':
          return { ...base, options, max: q.max.trim() === '' ? undefined : Number(q.max) };
        case 'majority_judgment': {
          const grades = lines(q.grades).map((line) => {
            const named = label(line);
            return typeof named === 'string' ? Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, named])) : named;
          });
          return { ...base, proposals: options, ...(grades.length > 0 ? { grades } : {}) };
        }
        default:
          return base;
      }
    }),
  };
}

/** The form field a problem's path in the file is about (`questions.1.proposals.0.id` → `questions.1.options`). */
export function fieldOfPath(path: string): string {
  const parts = path.split('.');
  if ((parts[0] === 'title' || parts[0] === 'description') && parts[1]) return `${parts[0]}_${parts[1]}`;
  if (parts[0] !== 'questions' || parts[1] === undefined) return parts[0] || 'title';
  const question = `questions.${parts[1]}`;
  switch (parts[2]) {
    case 'text':
      return parts[3] ? `${question}.text_${parts[3]}` : `${question}.text_${SUPPORTED_LANGUAGES[0]}`;
    case 'options':
    case 'proposals':
      return `${question}.options`;
    case 'max':
    case 'grades':
    case 'type':
      return `${question}.${parts[2]}`;
    default:
      return `${question}.type`;
  }
}

/** Checks the form as a file is checked; each problem is placed on its field, empty fields said kindly. */
export function readConsultationForm(ctx: PageContext, fields: ConsultationFields): ReadResult {
  const { settings } = ctx.app;
  const read = readConsultationData(asFileData(fields, settings.defaultLanguage), settings.city.timeZone, ctx.language, cliWords(ctx));
  if (read.ok) return read;
  /** What the agent typed in a field, for the fields that can be left empty by mistake. */
  const valueOf = (field: string): string | null => {
    const question = /^questions\.(\d+)\.(\w+)$/.exec(field);
    const [name = '', language = ''] = (question ? (question[2] ?? '') : field).split('_');
    if (question) {
      const q = fields.questions[Number(question[1])];
      if (name === 'text') return q?.text[language] ?? '';
      return name === 'options' ? (q?.options ?? '') : null;
    }
    if (name === 'title' || name === 'description') return (name === 'title' ? fields.title : fields.description)[language] ?? '';
    return field === 'opens' || field === 'closes' ? fields[field] : null;
  };
  const seen = new Set<string>();
  const problems: FileProblem[] = [];
  for (const problem of read.problems) {
    const field = fieldOfPath(problem.path);
    const value = valueOf(field);
    const message = value !== null && value.trim() === '' ? ctx.t('form.required') : field.endsWith('.options') && lines(value ?? '').length < 2 ? ctx.t('consultation_form.two_options') : problem.message;
    // One problem per field is enough to fix it; the file's checks may find several.
    if (seen.has(`${field}:${message}`)) continue;
    seen.add(`${field}:${message}`);
    problems.push({ path: field, message });
  }
  return { ok: false, problems };
}

/** One question's fields. */
function questionFieldset(ctx: PageContext, q: QuestionFields, i: number, problemOf: (field: string) => string | undefined, removable: boolean): SafeHtml {
  const name = (field: string) => `questions.${i}.${field}`;
  const languageName = (language: string) => ctx.say({ key: `common:language_name.${language}` });
  return html`<fieldset class="question" id="${fieldId(`questions.${i}`)}"><legend>${ctx.t('consultation_form.question', { n: i + 1 })}</legend>
${selectField({ name: name('type'), label: ctx.t('consultation_form.type'), value: q.type, problem: problemOf(name('type')), choices: QUESTION_TYPES.map((type) => ({ value: type, label: ctx.t(`consultation_form.types.${type}`) })) })}
${SUPPORTED_LANGUAGES.map((language) => textField({ name: name(`text_${language}`), label: ctx.t('consultation_form.question_text', { language: languageName(language) }), value: q.text[language] ?? '', problem: problemOf(name(`text_${language}`)), lang: language, required: true }))}
${checkbox({ name: name('optional'), label: ctx.t('consultation_form.optional'), checked: q.optional })}
${textArea({ name: name('options'), label: ctx.t('consultation_form.options'), hint: ctx.t('consultation_form.options_hint'), value: q.options, problem: problemOf(name('options')), rows: 4 })}
${textField({ name: name('max'), type: 'number', label: ctx.t('consultation_form.max'), hint: ctx.t('consultation_form.max_hint'), value: q.max, problem: problemOf(name('max')) })}
${textArea({ name: name('grades'), label: ctx.t('consultation_form.grades'), hint: ctx.t('consultation_form.grades_hint'), value: q.grades, problem: problemOf(name('grades')), rows: 3 })}
${removable ? html`<button type="submit" name="action" value="remove_question:${i}" class="secondary">${ctx.t('consultation_form.remove', { n: i + 1 })}</button>` : ''}
</fieldset>`;
}

/** The form to create a consultation, with what was typed and each problem beside its field. */
export function consultationForm(ctx: PageContext, fields: ConsultationFields, problems: readonly FileProblem[]): SafeHtml {
  const problemOf = (field: string) => problems.find((p) => p.path === field)?.message;
  const languageName = (language: string) => ctx.say({ key: `common:language_name.${language}` });
  const zone = ctx.app.settings.city.timeZone;
  // NOTE: https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#implicit-submission —
  // Enter in a field presses the form's first submit button: a hidden "create" comes first, so that
  // it never removes a question nor adds one.
  return html`${problemSummary(ctx, problems.map((p) => ({ field: p.path, message: p.message })))}
<form method="post" action="${ctx.href('/agent/consultations')}" novalidate>
<button type="submit" name="action" value="create" class="default-submit" tabindex="-1" aria-hidden="true">${ctx.t('consultation_form.create')}</button>
${csrfField(ctx)}<input type="hidden" name="question_count" value="${fields.questions.length}">
<fieldset><legend>${ctx.t('consultation_form.about')}</legend>
${SUPPORTED_LANGUAGES.map(
  (language) => html`${textField({ name: `title_${language}`, label: ctx.t('consultation_form.title_in', { language: languageName(language) }), value: fields.title[language] ?? '', problem: problemOf(`title_${language}`), lang: language, required: true })}
${textArea({ name: `description_${language}`, label: ctx.t('consultation_form.description_in', { language: languageName(language) }), value: fields.description[language] ?? '', problem: problemOf(`description_${language}`), lang: language, rows: 3 })}`,
)}
${textField({ name: 'opens', type: 'datetime-local', label: ctx.t('consultation_form.opens'), hint: ctx.t('form.time_hint', { zone }), value: fields.opens, problem: problemOf('opens'), required: true })}
${textField({ name: 'closes', type: 'datetime-local', label: ctx.t('consultation_form.closes'), value: fields.closes, problem: problemOf('closes'), required: true })}
${selectField({ name: 'audience', label: ctx.t('consultation_form.audience'), value: fields.audience, problem: problemOf('audience'), choices: CONSULTATION_AUDIENCES.map((audience) => ({ value: audience, label: ctx.t(`consultation_form.audiences.${audience}`) })) })}
</fieldset>
${problemOf('questions') ? html`<p class="problem" id="${fieldId('questions')}">${problemOf('questions')}</p>` : ''}
${fields.questions.map((q, i) => questionFieldset(ctx, q, i, problemOf, fields.questions.length > 1))}
<p>${fields.questions.length < MAX_QUESTIONS ? html`<button type="submit" name="action" value="add_question" class="secondary">${ctx.t('consultation_form.add')}</button>` : ''}</p>
<p><button type="submit" name="action" value="create">${ctx.t('consultation_form.create')}</button></p>
<p class="hint">${ctx.t('consultation_form.file_hint')}</p>
</form>`;
}

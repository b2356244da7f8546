import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type ResourceKey } from 'i18next';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { agentText } from '../domain/assembly-session';
import type { LiveRef, Text, TextParam } from '../domain/text';
import { projectRoot } from '../lib/project-root';

/** The current value of a live parameter (see LiveParam), or null when there is none to read. */
export type LiveResolver = (ref: LiveRef) => TextParam | null;

/** How one text is rendered, beyond its language. */
export interface RenderOptions {
  /**
   * With a `context` (`buttons`), a `<key>_<context>` variant is used where one exists (i18next
   * contexts): "tap a button" rather than "answer with a number".
   */
  readonly context?: string;
  /** Reads live parameters from the data as it is now (when sending); without it, their value when written is used. */
  readonly live?: LiveResolver;
  /**
   * Told of a `{{placeholder}}` the text's parameters do not fill. The placeholder is rendered as
   * nothing, never as itself: no raw `{{…}}` reaches anyone.
   */
  readonly onMissing?: (key: string, placeholder: string) => void;
}

/** Renders texts in a language and knows every way a label or keyword can be written. */
export interface Translator {
  readonly defaultLanguage: Language;
  /** Renders a text in `language`, or in the default language when the person has none yet. */
  render(text: Text, language: Language | null, options?: RenderOptions): string;
  /** The label in every language, plus its synonyms (`<key>_aliases` in the locale files, separated by `|`). */
  variants(label: Text): string[];
  /** Every word that triggers a keyword, in every language (`keywords.json`, separated by `|`). */
  keywordWords(keyword: string): string[];
  /** Whether `key` exists in `language` (for checks; rendering falls back to the default language). */
  has(key: string, language: Language): boolean;
}

/** The folder holding one sub-folder of JSON files per language. */
export const DEFAULT_LOCALES_DIR = path.join(projectRoot(), 'locales');

function loadResources(localesDir: string): Resource {
  const resources: Resource = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const dir = path.join(localesDir, language);
    const namespaces: Record<string, ResourceKey> = {};
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      namespaces[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ResourceKey;
    }
    resources[language] = namespaces;
  }
  return resources;
}

class I18nextTranslator implements Translator {
  /** Labels are few and fixed, and matching asks for their variants at every answer: keep them. */
  private readonly variantCache = new Map<string, string[]>();
  /**
   * Texts without parameters, rendered: a key, a language and a context always give the same
   * words, and the sender renders the same menus and questions for everyone. The locale files'
   * keys bound it. (A text missing a parameter it needs is never kept: it is said each time.)
   */
  private readonly plainCache = new Map<string, string>();
  /** Date and list formats per locale: building an Intl format costs more than formatting with it. */
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();
  private readonly listFormats = new Map<string, Intl.ListFormat>();

  constructor(
    private readonly i18n: i18n,
    readonly defaultLanguage: Language,
    private readonly timeZone: string,
  ) {}

  render(text: Text, language: Language | null, options: RenderOptions = {}): string {
    if ('literal' in text) return text.literal;
    const lng = language ?? this.defaultLanguage;
    if ('agentText' in text) return agentText(text.agentText, lng, this.defaultLanguage);
    const { context, onMissing } = options;
    const plain = text.params === undefined || Object.keys(text.params).length === 0 ? `${lng}\u0000${context ?? ''}\u0000${text.key}` : null;
    const known = plain === null ? undefined : this.plainCache.get(plain);
    if (known !== undefined) return known;
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(text.params ?? {})) params[name] = this.renderParam(value, lng, options);
    let complete = true;
    const rendered = this.i18n.t(text.key, {
      ...params,
      lng,
      ...(context ? { context } : {}),
      missingInterpolationHandler: (_text: string, match: RegExpExecArray) => {
        complete = false;
        onMissing?.(text.key, (match[1] ?? '').trim());
        return '';
      },
    });
    if (plain !== null && complete) this.plainCache.set(plain, rendered);
    return rendered;
  }

  variants(label: Text): string[] {
    if ('literal' in label) return [label.literal];
    if ('agentText' in label) return [...new Set(Object.values(label.agentText).filter((v): v is string => v !== undefined))];
    // Most labels are a bare key: the key is their cache key (a JSON text begins with "{", no key does).
    const cacheKey = label.params === undefined ? label.key : JSON.stringify(label);
    const cached = this.variantCache.get(cacheKey);
    if (cached) return cached;
    const variants = SUPPORTED_LANGUAGES.flatMap((lng) => [this.render(label, lng), ...this.list(`${label.key}_aliases`, lng)]);
    this.variantCache.set(cacheKey, variants);
    return variants;
  }

  keywordWords(keyword: string): string[] {
    return SUPPORTED_LANGUAGES.flatMap((lng) => this.list(`keywords:${keyword}`, lng));
  }

  has(key: string, language: Language): boolean {
    return this.i18n.exists(key, { lng: language, fallbackLng: false });
  }

  private renderParam(value: TextParam, language: Language, options: RenderOptions): string | number {
    if (typeof value === 'string' || typeof value === 'number') return value;
    if (Array.isArray(value)) return value.map((item: TextParam) => this.renderParam(item, language, options)).join('\n');
    if ('dateTime' in value) return this.formatDateTime(value.dateTime, language);
    if ('conjunction' in value) {
      const items = value.conjunction.map((item) => String(this.renderParam(item, language, options)));
      return this.format(this.listFormats, language, (locale) => new Intl.ListFormat(locale, { type: 'conjunction' })).format(items);
    }
    if ('live' in value) return this.renderParam(options.live?.(value.live) ?? value.value, language, options);
    return this.render(value as Text, language, options);
  }

  /** "samedi 23 novembre à 10:00", "Saturday 23 November at 10:00": the city's clock, the reader's words. */
  private formatDateTime(iso: string, language: Language): string {
    const format = this.format(this.dateFormats, language, (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone: this.timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }),
    );
    return format.format(new Date(iso));
  }

  /** The format of `language`'s locale (`common:intl_locale`), made once. */
  private format<F>(formats: Map<string, F>, language: Language, make: (locale: string) => F): F {
    let format = formats.get(language);
    if (!format) {
      format = make(this.i18n.t('common:intl_locale', { lng: language }));
      formats.set(language, format);
    }
    return format;
  }

  /**
   * A list kept as one string, `oui | ok | d'accord`: every language then has the same keys (the
   * parity checks compare keys), while each lists as many words as it needs.
   */
  private list(key: string, language: Language): string[] {
    if (!this.has(key, language)) return [];
    return this.i18n
      .t(key, { lng: language })
      .split('|')
      .map((word) => word.trim())
      .filter((word) => word !== '');
  }
}

/**
 * Loads every locale from `localesDir` into an i18next instance of our own (no global state).
 * Dates in texts are written on the clock of `timeZone` (the city's).
 */
export function loadTranslator(defaultLanguage: Language, timeZone = 'UTC', localesDir = DEFAULT_LOCALES_DIR): Translator {
  const resources = loadResources(localesDir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    ns: Object.keys(resources[defaultLanguage] ?? {}),
    defaultNS: 'common',
    // Escaping depends on the channel (HTML for Matrix, nothing for SMS): the renderer does it.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return new I18nextTranslator(instance, defaultLanguage, timeZone);
}

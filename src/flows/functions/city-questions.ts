import type { City, CityText, ProfileQuestion } from '../../domain/city';
import { UNDISCLOSED } from '../../domain/draw';
import type { Language } from '../../domain/language';
import { literal, text, type Text } from '../../domain/text';
import type { FlowData, FlowValue } from '../engine/conversation-state';
import type { ActionResult, StepContext } from '../engine/flow-functions';
import type { ChoiceOption } from '../engine/flow-definition';

/**
 * The city's own optional profile questions (City.profileQuestions), asked at registration after
 * the standard ones, one at a time, each with "I prefer not to answer". Answers live in flow data
 * under `city_<question id>` until the profile is saved; `city_questions_done` tells the fill
 * step that all were asked.
 */
const PREFIX = 'city_';
/** The flow data key the fill step waits for. */
export const CITY_QUESTIONS_DONE = 'city_questions_done';

function questions(city: City): readonly ProfileQuestion[] {
  return city.profileQuestions ?? [];
}

/** A city text in the reader's language, else the default one, else any. */
export function cityText(value: CityText, language: Language | null, fallback: Language): string {
  return (language ? value[language] : undefined) ?? value[fallback] ?? Object.values(value).find((v) => v !== undefined) ?? '';
}

/** The first question flow data holds no answer to yet. */
function current(ctx: StepContext): ProfileQuestion | null {
  return questions(ctx.settings.city).find((q) => typeof ctx.data[`${PREFIX}${q.id}`] !== 'string') ?? null;
}

/** The answers flow data holds, question id → option id. */
export function cityAnswersFromData(data: FlowData, city: City): Record<string, string> {
  return Object.fromEntries(questions(city).flatMap((q) => (typeof data[`${PREFIX}${q.id}`] === 'string' ? [[q.id, data[`${PREFIX}${q.id}`] as string]] : [])));
}

/** Flow data for saved answers (the profile flow shows and changes them). */
export function dataFromCityAnswers(answers: Readonly<Record<string, string>>, city: City): Record<string, FlowValue> {
  const data: Record<string, FlowValue> = Object.fromEntries(Object.entries(answers).map(([q, a]) => [`${PREFIX}${q}`, a]));
  if (questions(city).every((q) => answers[q.id] !== undefined)) data[CITY_QUESTIONS_DONE] = true;
  return data;
}

/** One line per question for a profile summary: its field and the answer. */
export function cityAnswerLines(data: FlowData, ctx: Pick<StepContext, 'person' | 'settings'>): Text[] {
  const { language } = ctx.person;
  const fallback = ctx.settings.defaultLanguage;
  return questions(ctx.settings.city).map((q) => {
    const answer = data[`${PREFIX}${q.id}`];
    const option = q.options.find((o) => o.id === answer);
    const value: Text = option ? literal(cityText(option.label, language, fallback)) : answer === UNDISCLOSED ? text('profile:city_question.undisclosed') : text('profile:not_given');
    return text('profile:city_question.line', { field: literal(cityText(q.field, language, fallback)), answer: value });
  });
}

/** The named functions of the city's questions. */
export const cityQuestionFunctions = {
  conditions: {
    has_city_questions: (ctx: StepContext) => questions(ctx.settings.city).length > 0,
  },
  views: {
    city_question: (ctx: StepContext) => {
      const question = current(ctx);
      return { question: literal(question ? cityText(question.ask, ctx.person.language, ctx.settings.defaultLanguage) : '') };
    },
  },
  providers: {
    /** The current question's options, then "I prefer not to answer". */
    city_question_options: (ctx: StepContext): ChoiceOption[] => {
      const question = current(ctx);
      const options = (question?.options ?? []).map((o) => ({ id: o.id, label: literal(cityText(o.label, ctx.person.language, ctx.settings.defaultLanguage)), aliases: Object.values(o.label).filter((l): l is string => l !== undefined) }));
      return [...options, { id: UNDISCLOSED, label: text('profile:city_question.undisclosed') }];
    },
  },
  actions: {
    /** Keeps the answer to the current question; once all are answered, the fill step moves on. */
    store_city_answer: (ctx: StepContext): ActionResult => {
      const question = current(ctx);
      const answer = ctx.data.city_answer;
      const data: Record<string, FlowValue | undefined> = { city_answer: undefined };
      if (question && typeof answer === 'string') data[`${PREFIX}${question.id}`] = answer;
      const left = questions(ctx.settings.city).filter((q) => typeof ({ ...ctx.data, ...data })[`${PREFIX}${q.id}`] !== 'string');
      if (left.length === 0) data[CITY_QUESTIONS_DONE] = true;
      return { data };
    },
  },
};

/** Flow data without any answer to the city's questions (to ask them all again). */
export function forgetCityAnswers(data: FlowData): Record<string, undefined> {
  return Object.fromEntries(Object.keys(data).filter((k) => k.startsWith(PREFIX)).map((k) => [k, undefined]));
}

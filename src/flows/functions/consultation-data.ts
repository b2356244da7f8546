import type { AgentText } from '../../domain/assembly-session';
import {
  COMMENT_MAX,
  YES_NO_ANSWERS,
  type BallotAnswer,
  type BallotAnswers,
  type ConsultationOption,
  type ConsultationQuestion,
  type ConsultationView,
} from '../../domain/consultation';
import type { ConsultationResults, QuestionResult } from '../../domain/consultation-results';
import { agentTextValue, conjunction, counted, live, literal, text, type Text, type TextParam } from '../../domain/text';
import { matchChoice } from '../../lib/text/match-choice';
import { shorten } from '../../lib/text/shorten';
import type { ChoiceOption } from '../engine/flow-definition';
import type { RuleResult, StepContext } from '../engine/flow-functions';
import { FlowDefinitionError, GoneError } from '../engine/flow-errors';

/** The option id of "skip this question", offered on optional questions. */
export const SKIP = 'skip';
/** What a person types to skip an optional question asked as text: language-neutral, SMS-cheap. */
const SKIP_TYPED = '0';
const GRADE_PREFIX = 'grade_';

/** An agent's text, rendered in the reader's language when it is sent. */
export function agentLiteral(value: AgentText): Text {
  return agentTextValue(value);
}

/** The open consultation the flow is about, if it still is open. */
export function chosenConsultation(ctx: StepContext): ConsultationView | null {
  const id = Number(ctx.data.consultation_id);
  return ctx.participation.openConsultations().find((c) => c.id === id) ?? null;
}

/** The chosen consultation; it may have closed since the last message (the person is told, and their draft dropped). */
export function requireConsultation(ctx: StepContext): ConsultationView {
  const consultation = chosenConsultation(ctx);
  if (!consultation) throw new GoneError(text('consultations:gone'));
  return consultation;
}

/**
 * A consultation's title, closing time and description line, read again when the message is sent
 * (in the reader's language then).
 */
export function consultationParams(c: ConsultationView): { title: TextParam; until: TextParam; description: TextParam } {
  const description = c.description ? text('consultations:description_line', { text: agentLiteral(c.description) }) : '';
  return {
    title: live({ consultation: c.id, field: 'title' }, agentLiteral(c.title)),
    until: live({ consultation: c.id, field: 'closes' }, { dateTime: c.closesAt }),
    description: live({ consultation: c.id, field: 'description_line' }, description),
  };
}

/**
 * The consultations of a grouped invitation (`data.consultation_ids`) still open and waiting for
 * the person: not answered, and not the one just answered or put off (`data.handled_ids`).
 */
export function invitedConsultations(ctx: StepContext): ConsultationView[] {
  const ids = (key: string) => String(ctx.data[key] ?? '').split(',').filter((id) => id !== '').map(Number);
  const invited = ids('consultation_ids');
  const handled = ids('handled_ids');
  return ctx.participation.openConsultations().filter((c) => invited.includes(c.id) && !handled.includes(c.id) && c.myBallot === null);
}

/** The results of a closed consultation the person took part in, when that is what they chose. */
export function chosenResults(ctx: StepContext): ConsultationResults | null {
  const id = Number(ctx.data.consultation_id);
  return ctx.participation.resultsForMe().find((r) => r.id === id) ?? null;
}

/** The answers gathered so far in this conversation. */
export function draftBallot(ctx: StepContext): BallotAnswers {
  return typeof ctx.data.ballot === 'string' ? (JSON.parse(ctx.data.ballot) as BallotAnswers) : {};
}

/** The question being asked (`data.q`), if any is left. */
export function currentQuestion(ctx: StepContext): ConsultationQuestion | null {
  return requireConsultation(ctx).questions[Number(ctx.data.q ?? 0)] ?? null;
}

function requireQuestion(ctx: StepContext): ConsultationQuestion {
  const question = currentQuestion(ctx);
  if (!question) throw new FlowDefinitionError('no question left to ask');
  return question;
}

/** The options of a choice question, yes / no / abstain included, with their ids. */
function choiceOptions(question: ConsultationQuestion): ChoiceOption[] {
  if (question.type === 'yes_no') return YES_NO_ANSWERS.map((id) => ({ id, label: text(`consultations:yes_no.${id}`) }));
  if (question.type === 'one_choice' || question.type === 'several_choices') {
    return question.options.map((o) => ({ id: o.id, label: agentLiteral(o.label), aliases: Object.values(o.label) }));
  }
  return [];
}

const skipOption = (): ChoiceOption => ({ id: SKIP, label: text('consultations:skip') });

/** Options of the current yes / no or one-choice question, and "skip" when it is optional. */
export function questionOptions(ctx: StepContext): ChoiceOption[] {
  const question = requireQuestion(ctx);
  return [...choiceOptions(question), ...(question.optional ? [skipOption()] : [])];
}

/** Options of the current several-choices question (an optional one is skipped by typing 0). */
export function severalOptions(ctx: StepContext): ChoiceOption[] {
  return choiceOptions(requireQuestion(ctx));
}

function currentProposal(question: ConsultationQuestion, ctx: StepContext): ConsultationOption | null {
  return question.type === 'majority_judgment' ? (question.proposals[Number(ctx.data.p ?? 0)] ?? null) : null;
}

/** The grades, best first; "skip" on an optional question before its first proposal is graded. */
export function gradeOptions(ctx: StepContext): ChoiceOption[] {
  const question = requireQuestion(ctx);
  if (question.type !== 'majority_judgment') return [];
  const grades = question.grades.map((grade, index) => ({ id: `${GRADE_PREFIX}${index}`, label: agentLiteral(grade), aliases: Object.values(grade) }));
  return [...grades, ...(question.optional && Number(ctx.data.p ?? 0) === 0 ? [skipOption()] : [])];
}

/** What a question message shows: progress (2/5), the question, the proposal being graded, how to answer. */
export function questionParams(ctx: StepContext): Record<string, TextParam> {
  const consultation = requireConsultation(ctx);
  const question = requireQuestion(ctx);
  const q = Number(ctx.data.q ?? 0);
  const params: Record<string, TextParam> = {
    progress: `${q + 1}/${consultation.questions.length}`,
    question: agentLiteral(question.text),
    optional: question.optional ? text('consultations:optional_typed', { skip: SKIP_TYPED }) : '',
    max: question.type === 'several_choices' ? question.max : counted('characters', COMMENT_MAX),
  };
  if (question.type === 'majority_judgment') {
    const p = Number(ctx.data.p ?? 0);
    params.proposal = agentLiteral(question.proposals[p]?.label ?? {});
    params.proposal_progress = `${p + 1}/${question.proposals.length}`;
  }
  return params;
}

/** Reads "1 3", "1,3", "bus et vélo": several options of the current question, at most its maximum. */
export function readSeveralChoices(input: string, ctx: StepContext): RuleResult {
  const question = requireQuestion(ctx);
  if (question.type !== 'several_choices') throw new FlowDefinitionError('several_choices rule on another question type');
  const trimmed = input.trim();
  if (trimmed === SKIP_TYPED && question.optional) return { ok: true, value: SKIP };
  const options = question.options.map((o, i) => ({ id: o.id, labels: [String(i + 1), ...Object.values(o.label)] }));
  const parts = /^[\d\s,;.+/-]+$/.test(trimmed) ? trimmed.split(/[^\d]+/) : trimmed.split(/\s*[,;+]\s*|\s+(?:et|and|&)\s+/i);
  const chosen: string[] = [];
  for (const part of parts.filter((p) => p !== '')) {
    const match = matchChoice(part, options);
    if (match.kind !== 'match') return { ok: false, problem: text('consultations:several_not_understood', { part, count: options.length }) };
    if (!chosen.includes(match.id)) chosen.push(match.id);
  }
  if (chosen.length === 0) return { ok: false, problem: text('consultations:several_none', { max: question.max }) };
  if (chosen.length > question.max) return { ok: false, problem: text('consultations:several_over_max', { max: question.max, count: chosen.length }) };
  return { ok: true, value: chosen.join(',') };
}

/** A free comment, at most COMMENT_MAX characters; "0" skips an optional one. */
export function readComment(input: string, ctx: StepContext): RuleResult {
  const question = requireQuestion(ctx);
  const trimmed = input.trim();
  if (trimmed === SKIP_TYPED && question.optional) return { ok: true, value: SKIP };
  if (trimmed === '') return { ok: false, problem: text('consultations:comment_empty') };
  if ([...trimmed].length > COMMENT_MAX) return { ok: false, problem: text('consultations:comment_too_long', { max: counted('characters', COMMENT_MAX), length: counted('characters', [...trimmed].length) }) };
  return { ok: true, value: trimmed };
}

/** The current answer (`data.answer`) as a ballot entry, for the current question. */
function answerFor(question: ConsultationQuestion, answer: string, previous: BallotAnswer | undefined, ctx: StepContext): BallotAnswer {
  if (answer === SKIP) return { skipped: true };
  switch (question.type) {
    case 'yes_no':
    case 'one_choice':
      return { choice: answer };
    case 'several_choices':
      return { choices: answer.split(',') };
    case 'comment':
      return { comment: answer };
    case 'majority_judgment': {
      const proposal = currentProposal(question, ctx);
      if (!proposal || !answer.startsWith(GRADE_PREFIX)) throw new FlowDefinitionError(`bad grade answer ${answer}`);
      const grades = previous && 'grades' in previous ? previous.grades : {};
      return { grades: { ...grades, [proposal.id]: Number(answer.slice(GRADE_PREFIX.length)) } };
    }
  }
}

/** Saves the answer in the draft and moves to the next proposal or question. */
export function recordAnswer(ctx: StepContext): Record<string, string | number | undefined> {
  const question = requireQuestion(ctx);
  const answer = String(ctx.data.answer ?? '');
  const ballot = draftBallot(ctx);
  const entry = answerFor(question, answer, ballot[question.id], ctx);
  const q = Number(ctx.data.q ?? 0);
  const p = Number(ctx.data.p ?? 0);
  const moreProposals = question.type === 'majority_judgment' && answer !== SKIP && p + 1 < question.proposals.length;
  return {
    ballot: JSON.stringify({ ...ballot, [question.id]: entry }),
    q: moreProposals ? q : q + 1,
    p: moreProposals ? p + 1 : 0,
    answer: undefined,
  };
}

/** How the flow asks the next question: by its kind, or `done` when all are answered. */
export function nextQuestionKind(ctx: StepContext): string {
  const question = currentQuestion(ctx);
  if (!question) return 'done';
  switch (question.type) {
    case 'yes_no':
    case 'one_choice':
      return 'choice';
    case 'several_choices':
      return 'several';
    case 'majority_judgment':
      return 'grade';
    case 'comment':
      return 'comment';
  }
}

/** Characters of a comment the summary repeats: the person just wrote it, and an SMS is short. */
const SUMMARY_COMMENT_MAX = 60;

/** One answer in words, for the summary. */
function answerWords(question: ConsultationQuestion, answer: BallotAnswer | undefined, ctx: StepContext): TextParam {
  if (!answer || 'skipped' in answer) return text('consultations:summary_item', { label: text('consultations:skipped') });
  const options = question.type === 'one_choice' || question.type === 'several_choices' ? question.options : [];
  const words = (id: string): Text => agentLiteral(options.find((o) => o.id === id)?.label ?? { [ctx.settings.defaultLanguage]: id });
  if ('choice' in answer) {
    return text('consultations:summary_item', { label: question.type === 'yes_no' ? text(`consultations:yes_no.${answer.choice}`) : words(answer.choice) });
  }
  if ('choices' in answer) return text('consultations:summary_item', { label: conjunction(answer.choices.map(words)) });
  if ('comment' in answer) return text('consultations:summary_item', { label: text('consultations:quoted', { text: literal(shorten(answer.comment, SUMMARY_COMMENT_MAX)) }) });
  if (question.type !== 'majority_judgment') return '';
  return question.proposals.map((proposal) => {
    const grade = answer.grades[proposal.id];
    return text('consultations:summary_grade', { proposal: agentLiteral(proposal.label), grade: agentLiteral(question.grades[grade ?? -1] ?? {}) });
  });
}

/** Every question and its answer, numbered, for the summary before confirming. */
export function summaryLines(ctx: StepContext): TextParam[] {
  const ballot = draftBallot(ctx);
  return requireConsultation(ctx).questions.map((question, i) => text('consultations:summary_line', { n: i + 1, answer: answerWords(question, ballot[question.id], ctx) }));
}

/** One line per question of the results a resident reads: the leading answer and its share. */
export function resultLines(results: ConsultationResults): TextParam[] {
  return results.questions.map((result, i) => text('consultations:result_line', { n: i + 1, question: agentLiteral(result.question.text), outcome: outcomeWords(result) }));
}

function outcomeWords(result: QuestionResult): TextParam {
  if (result.answered === 0) return text('consultations:result_no_answer');
  switch (result.kind) {
    case 'comments':
      return text('consultations:result_comments', { count: result.answered });
    case 'majority_judgment': {
      const first = result.ranking[0];
      const grade = first?.majorityGrade;
      if (!first || grade === null || grade === undefined) return text('consultations:result_no_answer');
      return text('consultations:result_winner', { proposal: agentLiteral(first.label), grade: agentLiteral(result.grades[grade] ?? {}) });
    }
    case 'counts': {
      const top = [...result.options].sort((a, b) => b.count - a.count)[0];
      if (!top) return text('consultations:result_no_answer');
      const label = result.question.type === 'yes_no' ? text(`consultations:yes_no.${top.id}`) : agentLiteral(top.label);
      return text('consultations:result_top', { label, percent: Math.round(top.share * 100) });
    }
  }
}

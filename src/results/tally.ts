import { YES_NO_ANSWERS, type BallotAnswer, type BallotAnswers, type Consultation, type ConsultationOption, type ConsultationQuestion } from '../domain/consultation';
import type { ConsultationResults, OptionCount, QuestionResult } from '../domain/consultation-results';
import { rankProposals } from './majority-judgment';

/** Labels of the yes / no / abstain answers, for results: their words come from the locales when shown. */
const YES_NO_OPTIONS: readonly ConsultationOption[] = YES_NO_ANSWERS.map((id) => ({ id, label: {} }));

function optionsOf(question: ConsultationQuestion): readonly ConsultationOption[] {
  switch (question.type) {
    case 'yes_no':
      return YES_NO_OPTIONS;
    case 'one_choice':
    case 'several_choices':
      return question.options;
    case 'majority_judgment':
      return question.proposals;
    case 'comment':
      return [];
  }
}

function isSkipped(answer: BallotAnswer | undefined): boolean {
  return answer === undefined || 'skipped' in answer;
}

function chosenIds(answer: BallotAnswer): readonly string[] {
  if ('choice' in answer) return [answer.choice];
  if ('choices' in answer) return answer.choices;
  return [];
}

function tallyQuestion(question: ConsultationQuestion, ballots: readonly BallotAnswers[]): QuestionResult {
  const answers = ballots.map((b) => b[question.id]).filter((a): a is BallotAnswer => !isSkipped(a));
  const answered = answers.length;
  const skipped = ballots.length - answered;
  if (question.type === 'comment') {
    // Sorted, so that the order says nothing of who wrote what when.
    const comments = answers.flatMap((a) => ('comment' in a ? [a.comment] : [])).sort((x, y) => x.localeCompare(y));
    return { kind: 'comments', question, answered, skipped, comments };
  }
  if (question.type === 'majority_judgment') {
    const profiles = question.proposals.map((proposal) => {
      const counts = question.grades.map(() => 0);
      for (const a of answers) {
        const grade = 'grades' in a ? a.grades[proposal.id] : undefined;
        if (grade !== undefined && grade >= 0 && grade < counts.length) counts[grade] = (counts[grade] ?? 0) + 1;
      }
      return { id: proposal.id, label: proposal.label, counts };
    });
    return { kind: 'majority_judgment', question, answered, skipped, grades: question.grades, ranking: rankProposals(profiles) };
  }
  const options: OptionCount[] = optionsOf(question).map((option) => {
    const count = answers.filter((a) => chosenIds(a).includes(option.id)).length;
    return { id: option.id, label: option.label, count, share: answered > 0 ? count / answered : 0 };
  });
  return { kind: 'counts', question, answered, skipped, options };
}

/** Counts a consultation's ballots: participation, and every question's results. Pure. */
export function tallyConsultation(consultation: Consultation & { readonly invited?: number | null }, ballots: readonly BallotAnswers[]): ConsultationResults {
  return {
    id: consultation.id,
    title: consultation.title,
    status: consultation.status,
    audience: consultation.audience,
    opensAt: consultation.opensAt,
    closesAt: consultation.closesAt,
    ballots: ballots.length,
    invited: consultation.invited ?? null,
    questions: consultation.questions.map((q) => tallyQuestion(q, ballots)),
  };
}

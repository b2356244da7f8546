import { AGE_BRACKETS, EQUIPMENTS, GENDERS, REMINDER_PREFERENCES } from '../../domain/profile';
import { text } from '../../domain/text';
import type { ChoiceOption, ChoiceStep, FillStep, StepDefinition } from '../engine/flow-definition';

function optionsFor(field: string, ids: readonly string[]): ChoiceOption[] {
  return ids.map((id) => ({ id, label: text(`profile:${field}.${id}`) }));
}

/**
 * The questions that fill a volunteer profile, shared by registration and profile editing: both
 * flows hold these step ids, each answer goes back to the `fill` step, which asks the next
 * missing field. Correcting a field is forgetting it and returning to `fill`.
 */
export function profileFieldSteps(): Record<string, StepDefinition> {
  return {
    fill: {
      type: 'fill',
      fields: [
        { field: 'first_name', step: 'first_name' },
        { field: 'neighbourhood', step: 'neighbourhood' },
        { field: 'age_bracket', step: 'age_bracket' },
        { field: 'gender', step: 'gender' },
        { field: 'equipment', step: 'equipment' },
        { field: 'reminders', step: 'reminders' },
        { field: 'phone_number', step: 'phone_number', when: 'needs_phone_number' },
        // The city's own optional questions (data/cities/), after the standard ones.
        { field: 'city_questions_done', step: 'city_question', when: 'has_city_questions' },
      ],
      then: 'fields_done',
    } satisfies FillStep,
    first_name: { type: 'text', prompt: [text('profile:first_name.ask')], rule: 'first_name', assign: 'first_name', next: 'fill' },
    neighbourhood: {
      type: 'choice',
      prompt: [{ key: 'profile:neighbourhood.ask', view: 'city' }],
      choices: { provider: 'neighbourhoods' },
      assign: 'neighbourhood',
      next: 'fill',
    },
    age_bracket: {
      type: 'choice',
      prompt: [text('profile:age_bracket.ask')],
      choices: optionsFor('age_bracket', AGE_BRACKETS),
      // People type their age or year of birth rather than a bracket's number.
      reader: 'age_bracket',
      assign: 'age_bracket',
      next: 'fill',
    },
    gender: { type: 'choice', prompt: [text('profile:gender.ask')], choices: optionsFor('gender', GENDERS), assign: 'gender', next: 'fill' },
    equipment: { type: 'choice', prompt: [text('profile:equipment.ask')], choices: optionsFor('equipment', EQUIPMENTS), assign: 'equipment', next: 'fill' },
    reminders: {
      type: 'choice',
      prompt: [text('profile:reminders.ask')],
      // On SMS, "here" is SMS: one option says so, and "by SMS to another number" is not offered.
      choices: REMINDER_PREFERENCES.flatMap((id): ChoiceOption[] => {
        if (id === 'none') return [{ id, label: text('profile:reminders.none') }];
        if (id === 'sms') return [{ id, label: text('profile:reminders.sms'), when: 'not_on_sms' }];
        return [
          { id, label: text('profile:reminders.this_contact'), when: 'here_is_chat' },
          { id, label: text('profile:reminders.this_sms'), when: 'on_sms' },
          { id, label: text('profile:reminders.via_mediator'), when: 'for_other' },
        ];
      }),
      assign: 'reminders',
      next: 'fill',
    },
    phone_number: { type: 'text', prompt: [text('profile:phone_number.ask')], rule: 'phone_number', assign: 'phone_number', next: 'fill' },
    city_question: {
      type: 'choice',
      prompt: [{ key: 'profile:city_question.ask', view: 'city_question' }],
      choices: { provider: 'city_question_options' },
      assign: 'city_answer',
      next: 'store_city_answer',
    },
    store_city_answer: { type: 'action', action: 'store_city_answer', next: 'fill' },
  };
}

/** "Which field do you want to correct?", then forget it and fill it again. */
export function correctionSteps(): Record<string, StepDefinition> {
  const which: ChoiceStep = {
    type: 'choice',
    prompt: [text('profile:which_field')],
    choices: [
      { id: 'first_name', label: text('profile:first_name.field') },
      { id: 'neighbourhood', label: text('profile:neighbourhood.field') },
      { id: 'age_bracket', label: text('profile:age_bracket.field') },
      { id: 'gender', label: text('profile:gender.field') },
      { id: 'equipment', label: text('profile:equipment.field') },
      { id: 'reminders', label: text('profile:reminders.field') },
      { id: 'phone_number', label: text('profile:phone_number.field'), when: 'needs_phone_number' },
      { id: 'city_questions', label: text('profile:city_question.field'), when: 'has_city_questions' },
    ],
    assign: 'correcting',
    next: 'forget',
  };
  return { which_field: which, forget: { type: 'action', action: 'forget_chosen_field', next: 'fill' } };
}

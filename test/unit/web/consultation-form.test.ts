import { fieldOfPath } from '../../../src/web/pages/agent/consultation-form';

test.each([
  ['title.en', 'title_en'],
  ['description.fr', 'description_fr'],
  ['closes', 'closes'],
  ['audience', 'audience'],
  ['questions', 'questions'],
  ['questions.1.text.en', 'questions.1.text_en'],
  ['questions.1.text', 'questions.1.text_fr'],
  ['questions.0.options.2.id', 'questions.0.options'],
  ['questions.3.proposals', 'questions.3.options'],
  ['questions.2.max', 'questions.2.max'],
  ['questions.2.grades.1.en', 'questions.2.grades'],
  ['questions.4.id', 'questions.4.type'],
  ['', 'title'],
])('a problem at %s is shown beside %s', (path, field) => {
  expect(fieldOfPath(path)).toBe(field);
});

import { walkFlows, walkedMessages } from '../../bench/flow-walk';
import { EMPTY_WORLD, FULL_WORLD } from '../../bench/sample-world';
import { sendableKeys, textAlone, textKeys } from '../../bench/sms-texts';
import { SUPPORTED_LANGUAGES } from '../../src/domain/language';
import { text } from '../../src/domain/text';
import { loadTranslator } from '../../src/i18n/translator';

/**
 * Every key residents may be sent, in every language, renders whole: no `{{placeholder}}` left.
 * Keys a flow sends are rendered there with their real views (test/flows/flow-walk.test.ts
 * renders every message of the walk); those sent from elsewhere — notices, digests, decisions,
 * acting notices, channel notices — are listed here by where they come from, and rendered with
 * realistic parameters of the names their senders give (bench/sms-texts.ts). A key that neither
 * a flow sends nor this list names fails the test, so a new text cannot slip by untested.
 */
const translator = loadTranslator('fr', 'Europe/Paris');

/** Keys sent outside flows, by what sends them. */
const SENT_OUTSIDE_FLOWS: readonly RegExp[] = [
  /^digest:/, // the mediators' daily digest (src/digest)
  /^ideas:decision\./, // an agent's decision on an idea (src/ideas/moderate-ideas.ts)
  /^sessions:cancelled$/, // a session cancelled (src/sessions/manage-sessions.ts)
  /^mediation:acting\./, // acting for someone started, ended, interrupted (src/conversation/acting-for.ts)
  /^mediation:invitation\./, // an invitation code sent in chat (src/conversation/acting-for.ts)
  /^mediation:person_erased$/, /^mediation:not_supported$/, /^draws:invitation\.too_late$/, // applied effects' notices
  /^draws:invitation\.expired$/, // a seat freed at the end of its delay (src/draws/draw-schedule.ts)
  /^common:channel_notice\./, /^common:group\./, /^common:opt_out\.resumed$/, // the conversation service itself
  /^audit:action\./, // what mediators did, in MES DONNÉES and the CLI's audit
  /^profile:phone_number\.taken$/, // a number already in use, when effects are applied
  /^(common|agent):/, // nouns counted in any text, and the agent desk's applied effects
  // Variants of texts the walk sends, chosen by data the sample world does not hold: another
  // audience, status or answer, an optional choice question, a call not yet open, the person's own
  // idea, a person without a first name, a consent relayed by a mediator, a profile field unset,
  // an end-to-end encrypted Matrix chat, another answer to a draw's invitation.
  /^consultations:audience\./, /^consultations:(skip|result_no_answer)$/, /^ideas:(call_next|yours)$/, /^mediation:person_label_id$/,
  /^privacy:my_data\.(status\.|consent_how$|consent_relayed$|no_organisation$|contact_encrypted$)/, /^profile:(not_given|phone_number\.field)$/, /^sessions:(list_item|answer\.none)$/,
  /^draws:seat_status\.(waiting|declined|expired)$/,
];

test('every key renders whole in every language: with its real views where a flow sends it, else as its sender does', () => {
  const viaFlows = new Set<string>();
  for (const language of SUPPORTED_LANGUAGES) {
    for (const walk of [walkFlows(FULL_WORLD, language, translator), walkFlows(EMPTY_WORLD, language, translator, { askedIn: FULL_WORLD })]) {
      for (const { message } of walkedMessages(walk)) textKeys(message, viaFlows);
    }
  }
  const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
  const keys = [...new Set(sendableKeys().map((k) => base(k.key)))];
  expect(keys.filter((key) => !viaFlows.has(key) && !SENT_OUTSIDE_FLOWS.some((pattern) => pattern.test(key)))).toEqual([]);

  const left: string[] = [];
  for (const language of SUPPORTED_LANGUAGES) {
    for (const key of keys.filter((k) => !viaFlows.has(k))) {
      const rendered = translator.render(textAlone(key, language), language, { onMissing: (k, placeholder) => left.push(`${language} ${k} {{${placeholder}}}`) });
      if (/\{\{|\}\}/.test(rendered)) left.push(`${language} ${key}: ${rendered}`);
    }
    // A key rendered without its parameters is caught: the check works.
    const caught: string[] = [];
    translator.render(text('sessions:cancelled'), language, { onMissing: (_key, placeholder) => caught.push(placeholder) });
    expect(caught).toEqual(['title', 'when']);
  }
  expect(left).toEqual([]);
});

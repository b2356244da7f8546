import { applyEffects } from '../../src/conversation/apply-effects';
import { CLI_ACTOR, createInvitation, grantRole, revokeRole } from '../../src/roles/manage-roles';
import { inTransaction } from '../../src/store/database';
import { eachTestApp } from '../support/test-app';

/**
 * Escalation: staff words from residents, spent or expired invitation codes, a mediator reaching
 * someone they do not support. Each is refused and changes nothing. Also how acting for someone
 * ends: FIN, 30 idle minutes (on the next message, or the scheduler's sweep), a revoked role.
 */
const bot = eachTestApp({ PARLONS_QUIET_HOURS: 'off' });

const PROFILE = { neighbourhood: 'trois_cites', ageBracket: '80_plus', gender: 'woman', equipment: 'none', reminders: 'this_contact' } as const;
const CONSENT = { purpose: 'volunteer_registration', noticeVersion: '2026-11-22.2', givenAt: '2026-11-22T09:00:00.000Z', method: 'paper', reference: 'Formulaire 7' };

/** A person in the store with a volunteer profile and no contact point. */
function personWithoutPhone(firstName: string): number {
  const { store } = bot.app;
  const id = store.people.create('fr', bot.clock.now());
  store.people.registerVolunteer(id, { ...PROFILE, firstName }, null, CONSENT, bot.clock.now());
  return id;
}

const personOf = (who: string) => bot.app.store.contacts.find('console', who)!.personId;
const count = (table: string) => bot.app.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

/** A French speaker at the main menu. */
async function resident(who: string): Promise<number> {
  await bot.say(who, 'bonjour');
  await bot.say(who, '1');
  return personOf(who);
}

/** A mediator at the main menu, supporting `supported` (assigned by an agent). */
async function mediator(who: string, supported: readonly number[]): Promise<number> {
  const id = await resident(who);
  grantRole(bot.app.store, id, 'mediator', 'Centre social des Trois-Cités', CLI_ACTOR, bot.clock.now());
  for (const personId of supported) bot.app.store.mediation.addSupport(id, personId, 'assigned', bot.clock.now());
  return id;
}

const STAFF_WORDS = ['RELAIS', 'médiation', 'mediation', 'espace médiation', 'relay', 'FIN', 'terminer', 'end', 'AGENT', 'espace agent', 'staff'];
const STAFF_LABELS = ['Espace médiation (agir pour une personne)', 'Espace agent de la ville', 'Mediation desk (act for someone)', '8', '9'];

describe('residents', () => {
  test('get the ordinary "not understood" for every staff word and menu entry, and nothing changes', async () => {
    const id = await resident('rose');
    await bot.say('rose', 'menu');
    const ordinary = await bot.say('rose', 'zzz');
    expect(ordinary.join('\n')).toContain("Je n'ai pas compris. Répondez par un numéro de 1 à 7");
    const auditBefore = count('audit_event');
    for (const word of [...STAFF_WORDS, ...STAFF_LABELS]) {
      await bot.say('rose', 'menu');
      expect({ word, replies: await bot.say('rose', word) }).toEqual({ word, replies: ordinary });
    }
    expect(count('audit_event')).toBe(auditBefore);
    expect(count('acting_for')).toBe(0);
    expect(bot.app.store.people.find(id)!.roles).toEqual(['resident']);
  });

  test('a spent, expired or made-up invitation code gives no role', async () => {
    const { store } = bot.app;
    const spent = inTransaction(store.db, () => createInvitation(store, 'agent', null, CLI_ACTOR, bot.clock.now()));
    const expiring = inTransaction(store.db, () => createInvitation(store, 'mediator', 'Centre social', CLI_ACTOR, bot.clock.now()));
    const first = await resident('first');
    expect((await bot.say('first', spent.code)).join('\n')).toContain('vous êtes maintenant agent de la ville');
    expect(store.people.find(first)!.roles).toContain('agent');

    const other = await resident('other');
    const invalid = "Ce code n'est pas ou plus valable";
    expect((await bot.say('other', spent.code)).join('\n')).toContain(invalid);
    bot.clock.advance(48 * 3_600_000 + 60_000);
    expect((await bot.say('other', expiring.code)).join('\n')).toContain(invalid);
    expect((await bot.say('other', 'PARLONS-7777-7777')).join('\n')).toContain(invalid);
    expect(store.people.find(other)!.roles).toEqual(['resident']);
    expect(store.audit.list({}).filter((e) => e.action === 'role_invitation_used').map((e) => e.subjectId)).toEqual([first]);
    // Something merely shaped like a code is an ordinary answer.
    expect((await bot.say('other', 'PARLONS')).join('\n')).toContain("Je n'ai pas compris");
  });

  test('codes are not guessed: after 5 wrong ones in an hour a chat is not heard on codes for an hour, and each is audited', async () => {
    const { store } = bot.app;
    const id = await resident('guesser');
    const invalid = "Ce code n'est pas ou plus valable";
    const tooMany = 'Trop de codes essayés depuis cette discussion';
    for (let i = 0; i < 5; i++) expect((await bot.say('guesser', `PARLONS-0000-000${i}`)).join('\n')).toContain(invalid);
    // The right code now is not even checked: it stays unused.
    const good = inTransaction(store.db, () => createInvitation(store, 'agent', null, CLI_ACTOR, bot.clock.now()));
    expect((await bot.say('guesser', good.code)).join('\n')).toContain(tooMany);
    expect(store.people.find(id)!.roles).toEqual(['resident']);
    // Another chat is not slowed down by this one.
    await resident('honest');
    expect((await bot.say('honest', good.code)).join('\n')).toContain('vous êtes maintenant agent de la ville');

    const refused = store.audit.list({}).filter((e) => e.action === 'role_invitation_refused');
    expect(refused.map((e) => e.detail.reason)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'too_many']);
    expect(refused.every((e) => e.subjectId === id && e.contactId === store.contacts.find('console', 'guesser')!.id)).toBe(true);
    // Nothing of the code itself is kept.
    expect(JSON.stringify(refused)).not.toContain('PARLONS');

    // An hour after the last refusal, codes are checked again.
    bot.clock.advance(60 * 60_000 + 1_000);
    const another = inTransaction(store.db, () => createInvitation(store, 'mediator', 'Centre social', CLI_ACTOR, bot.clock.now()));
    expect((await bot.say('guesser', another.code)).join('\n')).toContain('vous êtes maintenant médiateur');
  });
});

describe('a mediator', () => {
  test('cannot reach a person they do not support: not found, a forged button is stale, the effect is refused', async () => {
    const marie = personWithoutPhone('Marie');
    const yvonne = personWithoutPhone('Yvonne');
    const jeanne = await mediator('jeanne', [marie]);
    await bot.say('jeanne', 'relais');
    const listed = await bot.say('jeanne', '2');
    expect(listed.join('\n')).toContain('1. Marie (Trois-Cités)');
    expect(listed.join('\n')).not.toContain('Yvonne');
    await bot.say('jeanne', '2');
    expect((await bot.say('jeanne', 'Yvonne')).join('\n')).toContain('Personne ne correspond à « Yvonne »');
    expect((await bot.say('jeanne', 'x', { choiceId: String(yvonne) })).join('\n')).toContain('question précédente');

    const contact = bot.app.store.contacts.find('console', 'jeanne')!;
    const applied = inTransaction(bot.app.store.db, () => applyEffects(bot.app.store, jeanne, { contact }, [{ type: 'start_acting', personId: yvonne }], bot.clock.now()));
    expect(applied.actingFor).toBeNull();
    expect(count('acting_for')).toBe(0);
    expect(bot.app.store.audit.list({ subjectId: yvonne })).toEqual([]);
  });

  test('stops acting with FIN, after 30 idle minutes (the late message is not applied), and in the sweep', async () => {
    const marie = personWithoutPhone('Marie');
    await mediator('jeanne', [marie]);
    const actFor = async () => {
      await bot.say('jeanne', 'relais');
      await bot.say('jeanne', '2');
      return bot.say('jeanne', '1');
    };
    expect((await actFor()).join('\n')).toContain('[Vous agissez pour Marie (Trois-Cités) — FIN pour arrêter]');
    expect((await bot.say('jeanne', 'fin')).join('\n')).toContain("Vous n'agissez plus pour Marie (Trois-Cités).\n\nEspace médiation");

    await actFor();
    bot.clock.advance(29 * 60_000);
    expect((await bot.say('jeanne', '5')).join('\n')).toContain('[Vous agissez pour Marie'); // language menu, still acting
    bot.clock.advance(31 * 60_000);
    const late = (await bot.say('jeanne', '2')).join('\n');
    expect(late).toContain('30 minutes se sont écoulées sans message. Votre dernier message n\'a pas été pris en compte.');
    expect(bot.app.store.people.find(marie)!.language).toBe('fr'); // "2" (English) was not applied to Marie

    await actFor();
    bot.clock.advance(31 * 60_000);
    bot.app.runScheduler(bot.clock.now());
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take('jeanne').join('\n')).toContain('Écrivez RELAIS pour reprendre.');
    expect(count('acting_for')).toBe(0);
    const reasons = bot.app.store.audit.list({ subjectId: marie }).filter((e) => e.action === 'acting_ended').map((e) => e.detail.reason);
    expect(reasons).toEqual(['ended', 'inactive', 'expired']);
  });

  test('reopening the console chat while acting asks the person\'s question again, with the banner', async () => {
    const marie = personWithoutPhone('Marie');
    await mediator('jeanne', [marie]);
    for (const text of ['relais', '2', '1', 'idées']) await bot.say('jeanne', text);
    bot.app.conversations.open('console', 'jeanne', null);
    await bot.dispatcher.dispatchDue();
    const reopened = bot.channels.console.take('jeanne').join('\n');
    expect(reopened).toMatch(/^\[Vous agissez pour Marie \(Trois-Cités\) — FIN pour arrêter\]\n\nBon retour !/);
    bot.clock.advance(31 * 60_000);
    bot.app.conversations.open('console', 'jeanne', null);
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take('jeanne')).toEqual([]);
  });

  test('loses the desk and the person at once when the role is revoked; STOP while acting ends acting and opts nobody out', async () => {
    const marie = personWithoutPhone('Marie');
    const jeanne = await mediator('jeanne', [marie]);
    await bot.say('jeanne', 'relais');
    await bot.say('jeanne', '2');
    await bot.say('jeanne', '1');
    const stopped = (await bot.say('jeanne', 'stop')).join('\n');
    expect(stopped).toContain("Vous n'agissez plus pour Marie");
    expect(stopped).toContain('écrivez STOP encore une fois');
    // Back at the mediation desk, for herself; nobody was opted out.
    expect(stopped).toContain('Espace médiation');
    expect(count('acting_for')).toBe(0);
    expect(bot.app.store.people.find(jeanne)!.optedOutAt).toBeNull();
    expect(bot.app.store.people.find(marie)!.optedOutAt).toBeNull();
    // A second STOP is hers: she receives nothing more until REPRENDRE.
    expect((await bot.say('jeanne', 'stop')).join('\n')).toContain('vous ne recevrez plus aucun message');
    expect(bot.app.store.people.find(jeanne)!.optedOutAt).not.toBeNull();
    await bot.say('jeanne', 'reprendre');

    await bot.say('jeanne', 'relais');
    await bot.say('jeanne', '2');
    await bot.say('jeanne', '1');
    inTransaction(bot.app.store.db, () => revokeRole(bot.app.store, jeanne, 'mediator', CLI_ACTOR, bot.clock.now()));
    expect(count('acting_for')).toBe(0);
    const after = (await bot.say('jeanne', 'relais')).join('\n');
    expect(after).toContain('Que voulez-vous faire ?');
    expect(after).not.toMatch(/Espace médiation|Marie|8\./);
  });
});

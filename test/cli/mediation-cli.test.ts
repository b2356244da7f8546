import path from 'node:path';
import { eachCliFolder, REGISTER_MARIE, ROOT } from '../support/parlons-cli';

/**
 * Issue 8's "done when", as an admin, a mediator and an agent would do it: the built CLI in child
 * processes, the mediator in the console chat, a real database file. `--now` pins the chat's clock.
 */
const NOW = '2026-12-02 10:00';

const folder = eachCliFolder();
const parlons = folder.parlons;

const chat = (who: string, ...messages: string[]) => parlons(['chat', '--as', who, '--now', NOW], `${messages.join('\n')}\n`);
/** The example consultation's answers, typed as numbers (grades: 1 = Excellent … 7 = À rejeter), the comment skipped, sent. */
const ANSWERS = ['1', '2', '1 3', '1', '3', '7', '0', '1'];

interface Volunteer {
  id: number;
  first_name: string;
  consent_method: string;
  consent_reference: string | null;
  mediators: { id: number; organisation: string; via: string }[];
  contact_points: unknown[];
}

describe('a person who never touched a phone takes part through a mediator', () => {
  test('registered with a paper consent, answers a consultation that counts; volunteers, results and audit show it', () => {
    expect(parlons(['consultation', 'create', path.join(ROOT, 'data', 'consultations', 'example.yaml')]).code).toBe(0);
    const refused = parlons(['role', 'grant', 'console:jeanne', 'mediator']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--organisation');
    expect(parlons(['role', 'grant', 'console:jeanne', 'mediator', '--organisation', 'Centre social des Trois-Cités']).stdout).toContain('a maintenant le rôle mediator');

    const session = chat('jeanne', 'bonjour', '1', ...REGISTER_MARIE, 'consultation', '1', '1', ...ANSWERS, 'fin');
    expect(session.stdout).toContain("L'inscription de Marie est enregistrée, avec son accord (formulaire papier, Formulaire 42)");
    expect(session.stdout).toContain('[Vous agissez pour Marie (Trois-Cités) — FIN pour arrêter]');
    expect(session.stdout).toContain('Vos réponses à « Se déplacer dans les quartiers » sont enregistrées');
    expect(session.stdout).toContain('Vous n\'agissez plus pour Marie (Trois-Cités).');

    const volunteers = JSON.parse(parlons(['volunteers', '--json']).stdout) as Volunteer[];
    const marie = volunteers.find((v) => v.first_name === 'Marie');
    expect(marie).toMatchObject({
      consent_method: 'paper',
      consent_reference: 'Formulaire 42',
      mediators: [{ id: 1, organisation: 'Centre social des Trois-Cités', via: 'registered' }],
      contact_points: [],
    });

    expect(parlons(['consultation', 'close', '1']).stdout).toContain('1 participant');
    const results = JSON.parse(parlons(['results', '1', '--format', 'json']).stdout) as { participation: { ballots: number } };
    expect(results.participation.ballots).toBe(1);

    const audit = JSON.parse(parlons(['audit', '--mediator', 'console:jeanne', '--json']).stdout) as { action: string; subject_id: number; via: string; detail: Record<string, unknown> }[];
    expect(audit.map((e) => e.action)).toEqual(['person_registered_by_mediator', 'acting_started', 'cast_ballot', 'acting_ended']);
    expect(audit.every((e) => e.subject_id === marie!.id && e.via === 'console:jeanne')).toBe(true);
    // The audit says a ballot was cast, never what it said.
    expect(audit[2]!.detail).toEqual({ consultation_id: 1 });
    const table = parlons(['audit', '--mediator', '1']).stdout;
    expect(table).toContain('réponse à une consultation');
    expect(table).toContain('Centre social des Trois-Cités');

    // Marie's own export lists what was done for her, and by whom.
    const exported = JSON.parse(parlons(['person', 'export', String(marie!.id)]).stdout) as { actions_for_me: { action: string; by: number }[]; consents: { method: string; reference: string }[] };
    expect(exported.consents).toMatchObject([{ method: 'paper', reference: 'Formulaire 42' }]);
    expect(exported.actions_for_me.map((a) => a.action)).toContain('cast_ballot');
  });

  test('an invitation code gives the role once; a second use and a made-up code are refused', () => {
    // No --now here: the code is valid 48 hours from now on the real clock, and used at once.
    const invited = parlons(['role', 'invite', 'mediator', '--organisation', 'Maison de quartier Saint-Éloi']);
    const code = /PARLONS-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invited.stdout)?.[0];
    expect(code).toBeDefined();
    const use = (who: string, text: string) => parlons(['chat', '--as', who], `bonjour\n1\n${text}\n`);
    expect(use('paul', code!.toLowerCase().replace(/-/g, ' ')).stdout).toContain('vous êtes maintenant médiateur ou médiatrice (Maison de quartier Saint-Éloi)');
    expect(use('eve', code!).stdout).toContain("Ce code n'est pas ou plus valable");
    expect(use('eve', 'PARLONS-ABCD-EFGH').stdout).toContain("Ce code n'est pas ou plus valable");
    const holders = JSON.parse(parlons(['role', 'list', '--json']).stdout) as { person_id: number; role: string; organisation: string }[];
    expect(holders).toEqual([expect.objectContaining({ role: 'mediator', organisation: 'Maison de quartier Saint-Éloi' })]);
    const audit = JSON.parse(parlons(['audit', '--json']).stdout) as { action: string }[];
    // The two refused codes are in the audit too (guessing is limited, see staff-access.test.ts).
    expect(audit.map((e) => e.action)).toEqual(['role_invitation_created', 'role_invitation_used', 'role_granted', 'role_invitation_refused', 'role_invitation_refused']);
    // Revoking takes the desk away: RELAIS is an ordinary word again.
    expect(parlons(['role', 'revoke', String(holders[0]!.person_id), 'mediator']).stdout).toContain("n'a plus le rôle mediator");
    expect(parlons(['chat', '--as', 'paul'], 'relais\n').stdout).toContain("Je n'ai pas compris");
  });
});

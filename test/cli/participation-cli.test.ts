import fs from 'node:fs';
import path from 'node:path';
import { eachCliFolder, ROOT } from '../support/parlons-cli';

/**
 * Issue 5 end to end, as an agent and residents would do it: the built CLI in child processes,
 * residents answering in the console chat with numbers only (as they would by SMS), a real
 * database file. `--now` pins the residents' clock so the test never depends on today's date.
 */
const NOW = '2026-12-02 10:00';

const folder = eachCliFolder();
const parlons = folder.parlons;

const chat = (who: string, ...messages: string[]) => parlons(['chat', '--as', who, '--now', NOW], `${messages.join('\n')}\n`);
/** New resident: French, then the consultations menu, the only open one, consent, "answer now". */
const START = ['bonjour', '1', 'consultation', '1', '1', '1'];

describe('ideas from chat to moderation', () => {
  test('a close wording is offered the published idea; an agent approves another; the author is told', () => {
    expect(parlons(['ideas', 'call', 'open', '--from', '2026-12-01 08:00', '--until', '2026-12-20 20:00', '--theme-fr', 'Mobilité', '--theme-en', 'Getting around']).code).toBe(0);
    const alice = chat('alice', 'bonjour', '1', 'idées', '1', '1', 'Des pistes cyclables sécurisées', 'Pour aller au centre à vélo sans danger', '13', '1');
    expect(alice.stdout).toContain('Votre idée est envoyée');
    const pending = JSON.parse(parlons(['ideas', 'list', '--json']).stdout) as { id: number; title: string; neighbourhood: string }[];
    expect(pending).toMatchObject([{ title: 'Des pistes cyclables sécurisées', neighbourhood: 'trois_cites' }]);
    expect(parlons(['ideas', 'approve', String(pending[0]!.id)]).stdout).toContain('Son auteur est prévenu');

    // Same idea, other words: plural, no accents, another order. Bob is offered it, and sends his own anyway.
    const bob = chat('bob', 'bonjour', '1', 'idées', '1', '1', 'securiser les piste cyclable', 'Des pistes protégées des voitures, partout', '2', '15', '1');
    expect(bob.stdout).toContain('Des idées proches sont déjà publiées');
    expect(bob.stdout).toContain('1. Soutenir « Des pistes cyclables sécurisées »');
    expect(bob.stdout).toContain('Votre idée est envoyée');
    const bobs = JSON.parse(parlons(['ideas', 'list', '--json']).stdout) as { id: number }[];
    expect(parlons(['ideas', 'approve', String(bobs[0]!.id)]).code).toBe(0);

    expect(chat('alice', 'menu').stdout).toContain('Bonne nouvelle : votre idée « Des pistes cyclables sécurisées » est publiée');
    const back = chat('bob', 'idées', '2');
    expect(back.stdout).toContain('Bonne nouvelle : votre idée « securiser les piste cyclable » est publiée');
    expect(back.stdout).toContain('Idées publiées (1 à 2 sur 2)');
    const rejected = parlons(['ideas', 'reject', String(bobs[0]!.id), '--reason', 'déjà publiée']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("n'est pas à relire");
  });
});

describe('a consultation from a file to its results', () => {
  test('three residents answer (one changes their ballot); results give the majority grades and ranking; svg draws them', () => {
    const created = parlons(['consultation', 'create', path.join(ROOT, 'data', 'consultations', 'example.yaml')]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Consultation 1 créée');

    // Grades are typed as numbers: 1 = Excellent … 7 = À rejeter. The chat's scheduler run opens the consultation (due since Dec 1).
    expect(chat('alice', ...START, '1', '2', '1 3', '1', '3', '7', '0', '1').stdout).toContain('Vos réponses à « Se déplacer dans les quartiers » sont enregistrées');
    expect(chat('bob', ...START, '2', '1', '2', '5', '5', '5', '0', '1').stdout).toContain('sont enregistrées');
    const changed = chat('bob', 'consultation', '1', '1', '1', '1', '2', '2', '2', '6', 'Plus de bus le dimanche', '1');
    expect(changed.stdout).toContain('Vous avez répondu le');
    expect(changed.stdout).toContain('sont enregistrées');
    expect(chat('chloe', ...START, '2', '4', '2', '1', '4', '4', '0', '1').stdout).toContain('sont enregistrées');

    expect(parlons(['consultation', 'close', '1']).stdout).toContain('3 participants');
    const results = parlons(['results', '1', '--format', 'json']);
    expect(results.code).toBe(0);
    const json = JSON.parse(results.stdout) as {
      participation: { ballots: number };
      questions: { id: string; options?: { id: string; count: number }[]; ranking?: { id: string; rank: number; majority_grade: { label: string } }[] }[];
    };
    expect(json.participation.ballots).toBe(3);
    const byId = Object.fromEntries(json.questions.map((q) => [q.id, q]));
    // Bob changed "no" to "yes": two yes, one no.
    expect(byId.bus_samedi?.options).toEqual([expect.objectContaining({ id: 'yes', count: 2 }), expect.objectContaining({ id: 'no', count: 1 }), expect.objectContaining({ id: 'abstain', count: 0 })]);
    // navette 1,2,1 → Excellent; zone 30 3,2,4 → Bien (Assez bien had Bob's first ballot counted); parking 7,6,4 → Insuffisant.
    expect(byId.propositions?.ranking?.map((p) => [p.rank, p.id, p.majority_grade.label])).toEqual([
      [1, 'navette', 'Excellent'],
      [2, 'zone30', 'Bien'],
      [3, 'parking', 'Insuffisant'],
    ]);

    const svgFile = path.join(folder.dir, 'propositions.svg');
    expect(parlons(['results', '1', '--format', 'svg', '--output', svgFile]).code).toBe(0);
    const svg = fs.readFileSync(svgFile, 'utf8');
    expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg /);
    expect(svg).toContain('Une navette entre les quartiers');
    expect(svg).toContain('Mention : Excellent');

    // Residents who took part read a short summary after closing.
    const summary = chat('chloe', 'consultation', '1');
    expect(summary.stdout).toContain('Résultats de « Se déplacer dans les quartiers » (3 participants)');
    expect(summary.stdout).toContain('1re : Une navette entre les quartiers, mention Excellent');
  });
});

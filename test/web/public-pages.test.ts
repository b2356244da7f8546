import { addSession } from '../../src/sessions/manage-sessions';
import { approveIdea, openIdeaCall } from '../../src/ideas/moderate-ideas';
import { TOMORROW_SESSION } from '../support/session-fixture';
import { eachWebTest } from '../support/web-client';
import { addVolunteer, closedExampleConsultation, openExampleConsultation } from '../support/web-fixtures';

const t = eachWebTest();

describe('the assembly page', () => {
  test('shows the sessions to come with their place on a map, and how to join', async () => {
    addSession(t.app.store, { ...TOMORROW_SESSION, title: { fr: 'Séance <b>2</b>', en: 'Session 2' } }, [], t.clock.now());
    const page = await t.visitor().get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Séance &lt;b&gt;2&lt;/b&gt;');
    expect(page.body).toContain('lundi 23 novembre 2026 à 10:00');
    expect(page.body).toContain('https://www.openstreetmap.org/search?query=Salle%20des%20f%C3%AAtes%2C%20Poitiers');
    expect(page.body).toContain('href="/join"');
  });

  test('publishes anonymous figures only: no name, and no group of fewer than 5 people, not even by subtraction', async () => {
    for (let i = 0; i < 9; i += 1) addVolunteer(t.app, `camille${i}`, { neighbourhood: 'trois_cites', gender: i < 7 ? 'woman' : 'man' });
    for (let i = 0; i < 6; i += 1) addVolunteer(t.app, `paul${i}`, { neighbourhood: 'beaulieu', gender: 'man' });
    addVolunteer(t.app, 'zoe', { neighbourhood: 'montmidi', gender: 'other' });
    const page = await t.visitor().get('/');
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th><td class="number">([^<]+)</td>`).exec(page.body)?.[1];
    expect(page.body).toContain('16 personnes volontaires');
    // Neighbourhoods: Montmidi's 1 alone would be worked out from the total: Beaulieu's 6 goes with it.
    expect(row('Trois-Cités')).toBe('9');
    expect(row('Beaulieu')).toBe('non publié');
    expect(row('Montmidi')).toBe('non publié');
    // Genders: women 7, men 8, other 1, undisclosed 0: the two small ones add up to 1, worked out from
    // the total; so the next smallest is hidden too.
    expect(row('Autre')).toBe('non publié');
    expect(row('Une femme')).toBe('non publié');
    expect(row('Un homme')).toBe('8');
    expect(page.body).not.toMatch(/camille|paul|zoe/i);
  });
});

describe('joining', () => {
  test('lists the bot\'s addresses with links and QR codes, and printable posters that tell which neighbourhood brought people', async () => {
    t.joinAddresses.push({ channel: 'telegram', address: '@parlons_poitiers_bot' }, { channel: 'matrix', address: '@parlons:example.org' }, { channel: 'sms', address: '+33549000000' });
    const page = await t.visitor().get('/join');
    expect(page.body).toContain('https://t.me/parlons_poitiers_bot?start=poster');
    expect(page.body).toContain('https://matrix.to/#/@parlons:example.org');
    expect(page.body).toContain('envoyez BONJOUR au +33549000000');
    expect(page.body.match(/<svg class="qr"[^>]*role="img" aria-label="[^"]+"/g)).toHaveLength(2);
    const poster = await t.visitor().get('/join/poster?from=trois_cites');
    expect(poster.body).toContain('https://t.me/parlons_poitiers_bot?start=poster-trois_cites');
    expect(poster.body).toContain('Quartier : Trois-Cités');
    // Anything else than a neighbourhood of the city is the city-wide poster.
    const odd = await t.visitor().get('/join/poster?from=%3Cscript%3E');
    expect(odd.body).toContain('?start=poster"');
    expect(odd.body).not.toContain('<script');
  });

  test('without any channel yet, says whom to contact', async () => {
    const page = await t.visitor().get('/join');
    expect(page.body).toContain('Hôtel de Ville de Poitiers');
  });
});

describe('consultations', () => {
  test('an open one says what is asked, until when, and how to answer; its answers stay hidden', async () => {
    const id = openExampleConsultation(t.app);
    const list = await t.visitor().get('/consultations');
    expect(list.body).toContain('Se déplacer dans les quartiers');
    expect(list.body).toContain('écrivez CONSULTATION au bot');
    const page = await t.visitor().get(`/consultations/${id}`);
    expect(page.body).toContain('Faut-il des bus gratuits le samedi ?');
    expect(page.body).toContain('Les résultats seront publiés ici à la clôture');
    expect((await t.visitor().get(`/consultations/${id}/results.csv`)).statusCode).toBe(404);
  });

  test('a closed one shows participation, counts, merit profiles as a chart with its table, and the ranking; comments are counted, not published', async () => {
    const id = closedExampleConsultation(t.app, 6);
    const page = await t.visitor().get(`/consultations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Réponses : 6 · personnes invitées : 6 · participation : 100\s%\./);
    expect(page.body).toMatch(/<figure class="chart"><svg [^>]*role="img"/);
    expect(page.body).not.toContain('<?xml');
    expect(page.body).toContain('Classement et profils de mérite, question 4');
    expect(page.body).toContain('Une navette entre les quartiers');
    expect(page.body).toContain('6 commentaires, lus par les agents');
    expect(page.body).not.toContain('Zoé');
    expect(page.body).not.toContain('06 12 34 56');
  });

  test('its results download as CSV and JSON, without the comments\' texts', async () => {
    const id = closedExampleConsultation(t.app, 5);
    const csv = await t.visitor().get(`/consultations/${id}/results.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="consultation-${id}.csv"`);
    expect(csv.body.split('\n')[0]).toBe('question_id,question_type,item_id,item_label,count,percent,rank,majority_grade,merit_profile');
    const json = await t.visitor().get(`/consultations/${id}/results.json`);
    const document = JSON.parse(json.body) as { participation: { ballots: number }; questions: { id: string; comments?: unknown; answered: number }[] };
    expect(document.participation.ballots).toBe(5);
    expect(document.questions.find((q) => q.id === 'remarque')).toEqual(expect.objectContaining({ answered: 5 }));
    expect(json.body).not.toContain('Zoé');
  });

  test('with fewer than 5 answers, only participation is published', async () => {
    const id = closedExampleConsultation(t.app, 4);
    const page = await t.visitor().get(`/consultations/${id}`);
    expect(page.body).toContain('Réponses : 4 · personnes invitées : 4');
    expect(page.body).toContain('Moins de 5 personnes ont répondu');
    expect(page.body).not.toContain('<svg');
    expect((await t.visitor().get(`/consultations/${id}/results.json`)).statusCode).toBe(404);
  });

  test('an unknown one is not found', async () => {
    expect((await t.visitor().get('/consultations/999')).statusCode).toBe(404);
    expect((await t.visitor().get('/consultations/abc')).statusCode).toBe(404);
  });
});

describe('ideas', () => {
  test('published ideas show with their support counts, most supported first, never their authors', async () => {
    const now = t.clock.now();
    const call = openIdeaCall(t.app.store, { theme: { fr: 'Se déplacer', en: 'Getting around' }, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 86_400_000).toISOString() }, now) as number;
    const author = addVolunteer(t.app, 'ines');
    const first = t.app.store.ideas.submit({ callId: call, authorId: author, title: 'Bancs au parc', body: 'Des bancs pour se reposer.', neighbourhood: 'beaulieu' }, now);
    const second = t.app.store.ideas.submit({ callId: call, authorId: author, title: 'Navette du samedi', body: 'Une navette entre les quartiers.', neighbourhood: null }, now);
    t.app.store.ideas.submit({ callId: call, authorId: author, title: 'Pas encore modérée', body: 'Elle attend.', neighbourhood: null }, now);
    approveIdea(t.app.store, first, now);
    approveIdea(t.app.store, second, now);
    for (let i = 0; i < 3; i += 1) t.app.store.ideas.support(second, addVolunteer(t.app, `s${i}`), now);
    const page = await t.visitor().get('/ideas');
    expect(page.body.indexOf('Navette du samedi')).toBeLessThan(page.body.indexOf('Bancs au parc'));
    expect(page.body).toContain('3 soutiens');
    expect(page.body).toContain('Beaulieu');
    expect(page.body).not.toContain('Pas encore modérée');
    expect(page.body).not.toContain('ines');
  });
});

describe('languages', () => {
  test('the browser\'s language when Parlons speaks it, the switch\'s choice over it, and the city\'s otherwise', async () => {
    expect((await t.visitor().get('/', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' })).body).toContain('<html lang="en">');
    expect((await t.visitor().get('/', { 'accept-language': 'de-DE,de;q=0.9' })).body).toContain('<html lang="fr">');
    const visitor = t.visitor();
    await visitor.get('/language/en?back=/');
    const page = await visitor.get('/', { 'accept-language': 'fr' });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('The citizens&#39; assembly of Poitiers');
    expect(page.body).toContain('<a href="/language/fr?back=%2F" lang="fr" hreflang="fr">Français</a>');
  });
});

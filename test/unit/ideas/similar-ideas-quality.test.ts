import { ideaSimilarity, SIMILARITY_THRESHOLD, type ComparableIdea } from '../../../src/ideas/similar-ideas';

/**
 * How well the similar-idea check tells the same idea written twice from different ideas: on
 * pairs of ideas as residents write them, those that say the same thing in other words (other
 * word forms, word order, a detail more) and those that share words but not the idea. Precision:
 * of the pairs it calls similar, how many are; recall: of the similar pairs, how many it finds.
 * The figures are printed, and must stay above the floors below.
 */
const idea = (title: string, body: string): ComparableIdea => ({ title, body });

/** Same idea, other words. */
const PARAPHRASES: readonly (readonly [ComparableIdea, ComparableIdea])[] = [
  [idea('Des pistes cyclables sécurisées', 'Pour aller au centre à vélo sans danger.'), idea('Sécuriser la piste cyclable', 'Une piste séparée des voitures pour les vélos vers le centre.')],
  [idea('Plus de bancs dans les parcs', 'Pour que les personnes âgées puissent se reposer.'), idea('Installer des bancs au parc', 'Les anciens ont besoin de s’asseoir pendant la promenade.')],
  [idea('Éclairer les rues la nuit', 'Certaines rues sont très sombres.'), idea('Éclairage des rues sombres', 'La nuit, on ne voit rien dans les rues.')],
  [idea('Des bus le dimanche', 'Aucun bus ne passe le dimanche aux Trois-Cités.'), idea('Faire passer les bus le dimanche', 'Le dimanche il n’y a pas de bus.')],
  [idea('Un marché bio hebdomadaire', 'Des producteurs locaux chaque semaine.'), idea('Marché de producteurs bio', 'Un marché chaque semaine avec des produits locaux et bio.')],
  [idea('Réparer les trottoirs abîmés', 'Les trottoirs sont dangereux pour les poussettes et les fauteuils.'), idea('Trottoirs en mauvais état', 'Il faut réparer les trottoirs pour les fauteuils roulants.')],
  [idea('Composteurs collectifs', 'Installer des composteurs dans chaque quartier.'), idea('Un composteur collectif par quartier', 'Pour réduire les déchets.')],
  [idea('Jardins partagés', 'Créer des jardins partagés entre voisins.'), idea('Créer un jardin partagé', 'Un jardin où les voisins cultivent ensemble.')],
  [idea('Fontaines à eau potable', 'Des fontaines dans les parcs en été.'), idea('Installer des fontaines d’eau potable', 'Pour boire dans les parcs quand il fait chaud.')],
  [idea('Ralentir les voitures devant les écoles', 'Des ralentisseurs devant chaque école.'), idea('Ralentisseurs devant l’école', 'Les voitures roulent trop vite près des écoles.')],
  [idea('Toilettes publiques au centre-ville', 'Il n’y en a presque pas.'), idea('Des toilettes publiques en centre-ville', 'On manque de toilettes publiques.')],
  [idea('Arbres dans les cours d’école', 'Planter des arbres pour l’ombre.'), idea('Planter des arbres dans la cour de l’école', 'Les enfants ont besoin d’ombre.')],
  // Harder: other words for the same thing, a typo.
  [idea('Des vélos en libre-service', 'Pouvoir emprunter un vélo à la gare.'), idea('Location de bicyclettes', 'Des bicyclettes à louer près de la gare.')],
  [idea('Nettoyer les tags sur les murs', 'Les murs de l’école sont couverts de tags.'), idea('Effacer les graffitis', 'Il y a des graffitis partout sur les murs du quartier.')],
  [idea('Une navette pour le marché', 'Les personnes âgées ne peuvent pas porter leurs courses.'), idea('Navete gratuite vers le marché', 'Pour aider les anciens à faire leurs courses.')],
];

/** Different ideas that share words. */
const DIFFERENT: readonly (readonly [ComparableIdea, ComparableIdea])[] = [
  [idea('Des pistes cyclables sécurisées', 'Pour aller au centre à vélo sans danger.'), idea('Des bus de nuit', 'Pour rentrer du centre après minuit.')],
  [idea('Plus de bancs dans les parcs', 'Pour se reposer.'), idea('Fermer les parcs la nuit', 'Les parcs sont bruyants la nuit.')],
  [idea('Éclairer les rues la nuit', 'Certaines rues sont très sombres.'), idea('Éteindre l’éclairage public la nuit', 'Pour économiser l’énergie et voir les étoiles.')],
  [idea('Des bus le dimanche', 'Aucun bus ne passe le dimanche.'), idea('Un marché le dimanche', 'Avec des producteurs locaux.')],
  [idea('Un marché bio hebdomadaire', 'Des producteurs locaux.'), idea('Aider les commerces locaux', 'Les commerces du quartier ferment.')],
  [idea('Réparer les trottoirs abîmés', 'Pour les poussettes.'), idea('Réparer les routes', 'Les nids de poule abîment les voitures.')],
  [idea('Composteurs collectifs', 'Dans chaque quartier.'), idea('Plus de poubelles dans le quartier', 'Les rues sont sales.')],
  [idea('Jardins partagés', 'Entre voisins.'), idea('Fête des voisins', 'Un repas partagé entre voisins une fois par an.')],
  [idea('Fontaines à eau potable', 'Dans les parcs.'), idea('Une piscine en plein air', 'Pour l’été.')],
  [idea('Ralentir les voitures devant les écoles', 'Des ralentisseurs.'), idea('Plus de places de parking', 'On ne trouve pas à se garer.')],
  [idea('Toilettes publiques au centre-ville', 'Il n’y en a presque pas.'), idea('Piétonniser le centre-ville', 'Interdire les voitures au centre.')],
  [idea('Arbres dans les cours d’école', 'Planter des arbres.'), idea('Cantine bio à l’école', 'Des repas bio pour les enfants.')],
  [idea('Des pistes cyclables', 'Vers le centre.'), idea('Des parkings à vélos', 'Pour garer son vélo en sécurité à la gare.')],
  // Harder: two words in common, different ideas.
  [idea('Des bus de nuit le week-end', 'Pour rentrer tard.'), idea('Moins de bruit la nuit le week-end', 'Les bars font du bruit tard.')],
  [idea('Des arbres dans les parcs', 'Pour l’ombre.'), idea('Abattre les arbres malades des parcs', 'Ils sont dangereux.')],
];

/** Precision and recall of the check on the pairs above. */
export function measure(): { precision: number; recall: number; truePositives: number; falsePositives: number; falseNegatives: number } {
  const said = (a: ComparableIdea, b: ComparableIdea) => ideaSimilarity(a, b) >= SIMILARITY_THRESHOLD;
  const truePositives = PARAPHRASES.filter(([a, b]) => said(a, b)).length;
  const falseNegatives = PARAPHRASES.length - truePositives;
  const falsePositives = DIFFERENT.filter(([a, b]) => said(a, b)).length;
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  return { precision, recall: truePositives / PARAPHRASES.length, truePositives, falsePositives, falseNegatives };
}

test('the similar-idea check finds most paraphrases and few false friends', () => {
  const figures = measure();
  console.log(
    `similar ideas: precision ${figures.precision.toFixed(2)}, recall ${figures.recall.toFixed(2)} ` +
      `(${figures.truePositives} of ${PARAPHRASES.length} paraphrases found, ${figures.falsePositives} of ${DIFFERENT.length} different pairs taken as similar)`,
  );
  expect(figures.precision).toBeGreaterThanOrEqual(0.85);
  expect(figures.recall).toBeGreaterThanOrEqual(0.75);
});

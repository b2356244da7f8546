import { allSmsTexts, segmentDistribution } from './sms-texts';

/**
 * `npm run sms-segments`: what every message the bot can send by SMS costs, as it is assembled
 * and sent (each turn's paragraphs joined, with their menus, leads and banners, the longest names
 * and titles), after transliteration: the distribution of segment counts, per language and
 * overall, and the costliest messages.
 */
function main(): void {
  const samples = allSmsTexts();
  const line = (label: string, list: typeof samples) =>
    `${label.padEnd(8)} ${String(list.length).padStart(5)} messages: ${[...segmentDistribution(list)].map(([segments, n]) => `${segments} segment${segments > 1 ? 's' : ''} ×${n}`).join(', ')}`;
  console.log('SMS segments per message as sent (GSM-7 after transliteration; UCS-2 where a character has no GSM-7 form)');
  console.log(line('all', samples));
  for (const language of [...new Set(samples.map((s) => s.language))]) console.log(line(language, samples.filter((s) => s.language === language)));
  console.log(line('in flows', samples.filter((s) => s.id.startsWith('flow '))));
  console.log(line('alone', samples.filter((s) => s.id.startsWith('text '))));
  const ucs2 = samples.filter((s) => s.cost.encoding === 'ucs2');
  console.log(`UCS-2 messages: ${ucs2.length}${ucs2.length ? ` (${ucs2.map((s) => `${s.language} ${s.id}`).join(', ')})` : ''}`);
  const over = samples.filter((s) => s.cost.segments > 3);
  console.log(`Over 3 segments: ${over.length}${over.length ? ` (${over.map((s) => `${s.language} ${s.id}`).join(', ')})` : ''}`);
  console.log('Costliest:');
  for (const s of [...samples].sort((a, b) => b.cost.units - a.cost.units).slice(0, 12)) {
    console.log(`  ${s.cost.segments} segments, ${String(s.cost.units).padStart(3)} ${s.cost.encoding === 'gsm7' ? 'septets' : 'UTF-16 units'}  ${s.language} ${s.id}`);
  }
}

main();

// The police's ten regional units and the national units: the rota's regions (slugs as in `regions/{slug}`).
import { language } from './i18n';

export const REGIONS: { slug: string; nl: string; en: string }[] = [
  { slug: 'noord-nederland', nl: 'Noord-Nederland', en: 'Noord-Nederland' },
  { slug: 'oost-nederland', nl: 'Oost-Nederland', en: 'Oost-Nederland' },
  { slug: 'midden-nederland', nl: 'Midden-Nederland', en: 'Midden-Nederland' },
  { slug: 'noord-holland', nl: 'Noord-Holland', en: 'Noord-Holland' },
  { slug: 'amsterdam', nl: 'Amsterdam', en: 'Amsterdam' },
  { slug: 'den-haag', nl: 'Den Haag', en: 'The Hague (Den Haag)' },
  { slug: 'rotterdam', nl: 'Rotterdam', en: 'Rotterdam' },
  { slug: 'zeeland-west-brabant', nl: 'Zeeland-West-Brabant', en: 'Zeeland-West-Brabant' },
  { slug: 'oost-brabant', nl: 'Oost-Brabant', en: 'Oost-Brabant' },
  { slug: 'limburg', nl: 'Limburg', en: 'Limburg' },
  { slug: 'landelijke-eenheid', nl: 'Landelijke Eenheid', en: 'National Units (Landelijke Eenheid)' },
];

/** The display name of `amsterdam` or `regions/amsterdam`. */
export function regionName(region: string | undefined): string {
  if (!region) return '';
  const slug = region.replace(/^regions\//, '');
  const found = REGIONS.find((r) => r.slug === slug);
  return found ? found[language()] : slug;
}

/** `members/demo-amsterdam-1` → `demo-amsterdam-1`. */
export function memberId(name: string | undefined): string {
  return (name ?? '').replace(/^members\//, '');
}

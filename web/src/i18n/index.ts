import { nl, type MessageKey, type Messages } from './nl';
import { en } from './en';

export type Language = 'nl' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'weerbaarheid.language';
const catalogues: Record<Language, Messages> = { nl, en };
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // storage unavailable: Dutch
  }
  return 'nl';
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

export function locale(): string {
  return current === 'nl' ? 'nl-NL' : 'en-GB';
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** The UI text for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The label of a proto enum value (e.g. `SEVERITY_URGENT`), or the value itself when there is none. */
export function enumLabel(value: string | undefined): string {
  if (!value) return '';
  const key = `enum.${value}`;
  const catalogue = catalogues[current] as Record<string, string>;
  return catalogue[key] ?? value;
}

/** A text from the services in the chosen language, falling back to the other one. */
export function localized(text: { nl?: string; en?: string } | null | undefined): string {
  if (!text) return '';
  const primary = current === 'nl' ? text.nl : text.en;
  return (primary && primary.trim()) || text.nl || text.en || '';
}

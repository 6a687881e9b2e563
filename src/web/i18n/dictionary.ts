import type { Language } from '../../common/http/language';
import { en } from './en';
import { type Dictionary, ru } from './ru';

export type { Dictionary, Language };
export const LANGUAGES: readonly Language[] = ['ru', 'en'];
export const DEFAULT_LANGUAGE: Language = 'ru';

/** The public outcome of a bid (as GET /programmes/{id}/results shows it), plus `selected` for status awards. */
export type PublicOutcome = 'funded' | 'partially_funded' | 'reserve' | 'not_funded' | 'selected';

/**
 * Every word the pages show, in Russian (ru.ts, the default) and English (en.ts). Journeys that add many labels
 * may keep their own pair of files the same way.
 */
const DICTIONARIES: Record<Language, Dictionary> = { ru, en };

export const dictionary = (language: Language): Dictionary => DICTIONARIES[language];

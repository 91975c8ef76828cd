import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import en from './en';
import zhCN, { type MessageKey, type Messages } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'fupin_lang';
const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

function readStored(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

/** True when the user picked a language explicitly on this browser (it then wins over the server's). */
export function hasStoredLang(): boolean {
  return readStored() !== null;
}

/**
 * The server answers in the language of the cookie `fupin_lang` before Accept-Language; keep the cookie equal to
 * the UI language, so a request sent right after a switch (before PUT /api/auth/language returns) is not answered
 * in the old language.
 */
function writeLangCookie(lang: Lang) {
  try {
    // biome-ignore lint/suspicious/noDocumentCookie: one fixed, non-secret value; the Cookie Store API is not in every browser
    document.cookie = `fupin_lang=${lang}; path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  } catch {
    /* no document (tests) */
  }
}

let current: Lang = readStored() ?? 'zh-CN';
if (readStored()) writeLangCookie(current);

/** The language the API client sends in Accept-Language. */
export function currentLang(): Lang {
  return current;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Translate with the current language, for code outside React (the API client). */
/** Whether a key exists (for labels of server codes such as audit actions, with the raw code as fallback). */
export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}

export const tNow: Translate = (key, vars) => translate(current, key, vars);

function applyDocument(lang: Lang) {
  document.documentElement.lang = lang;
  document.title = translate(lang, 'app.name');
}

interface I18nValue {
  lang: Lang;
  t: Translate;
  /** Change the UI language; `persist` stores it in localStorage (the default). */
  setLang: (lang: Lang, persist?: boolean) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    applyDocument(current);
    return current;
  });
  const setLang = useCallback((next: Lang, persist = true) => {
    current = next;
    writeLangCookie(next);
    if (persist) {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        /* private mode: keep it for this page only */
      }
    }
    applyDocument(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

// The signed-in user, the language and the hash route, shared by every screen.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { Me } from './api/client';
import { actLabel, word, type Lang, type WordKey } from './lib/i18n';

export interface AppState {
  me: Me;
  lang: Lang;
  setLang(lang: Lang): void;
  signOut(): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the signed-in app');
  return state;
}

/** t('inbox') in the current language; act('accept') for an act's name. */
export function useT(): { t: (key: WordKey) => string; act: (code: string) => string; lang: Lang } {
  const { lang } = useApp();
  return { t: (key) => word(lang, key), act: (code) => actLabel(lang, code), lang };
}

/** The route is the hash: #/inbox, #/case/SB-2026-000001, ... */
export function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter((s) => s !== '').map(decodeURIComponent);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = () => setParts(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parts;
}

export function go(...parts: string[]): void {
  window.location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** A loader's state: data, error, loading, and reload. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

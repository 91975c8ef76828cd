import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, isApiError } from '../api/client';
import { auth, clearRegionCache } from '../api/endpoints';
import type { Me } from '../api/types';
import { hasStoredLang, type Lang, useI18n } from '../i18n';

interface AuthValue {
  /** undefined while the session is being checked at start-up. */
  user: Me | null | undefined;
  bootError: ApiError | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Check the session again after a start-up failure (server down). */
  retryBoot: () => Promise<void>;
  setUser: (u: Me | null) => void;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

const isLang = (v: unknown): v is Lang => v === 'zh-CN' || v === 'en';

export function AuthProvider({ children }: { children: ReactNode }) {
  const { lang, setLang } = useI18n();
  const [user, setUserState] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<ApiError | null>(null);

  // A language picked on this browser wins and is saved to the account; otherwise adopt the account's.
  const syncLanguage = useCallback(
    (u: Me) => {
      if (hasStoredLang()) {
        if (u.language !== lang) auth.setLanguage(lang).catch(() => undefined);
      } else if (isLang(u.language) && u.language !== lang) {
        clearRegionCache();
        setLang(u.language, false);
      }
    },
    [lang, setLang],
  );

  const load = useCallback(async () => {
    try {
      const u = await auth.me();
      setBootError(null);
      setUserState(u);
      syncLanguage(u);
    } catch (e) {
      if (isApiError(e) && (e.status === 401 || e.status === 403)) {
        setBootError(null);
        setUserState(null);
      } else {
        setBootError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
      }
    }
  }, [syncLanguage]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: check the session once at start-up
  useEffect(() => {
    void load();
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const u = await auth.login(username, password);
      clearRegionCache();
      setUserState(u);
      syncLanguage(u);
      return u;
    },
    [syncLanguage],
  );

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      clearRegionCache();
      setUserState(null);
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      setUserState(await auth.me());
    } catch (e) {
      if (isApiError(e) && e.status === 401) setUserState(null);
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      bootError,
      login,
      logout,
      refresh,
      retryBoot: load,
      setUser: setUserState,
      can: (p) => !!user?.permissions.includes(p),
    }),
    [user, bootError, login, logout, refresh, load],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a user');
  return user;
}

import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { type Checkin, call, FieldError, type FieldMe, type FieldRecords } from './api';
import { initialLang, type Lang, saveLang, translate, type Word } from './i18n';
import { LeaveTab } from './LeaveTab';
import { LogTab } from './LogTab';
import { Password } from './Password';
import type { Ctx } from './shared';
import { type Queued, type QueuedLog, type QueuedVisit, queued, queuedLogs, queuedVisits, signAndQueue } from './store';
import { syncQueue } from './sync';
import { VisitTab } from './VisitTab';
import './field.css';

const ME_CACHE = 'fupin_field_me';
const RECORDS_CACHE = 'fupin_field_records';
function cached<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}
const cachedMe = () => cached<FieldMe>(ME_CACHE);
const TABS = ['checkin', 'log', 'visit', 'leave'] as const;
type Tab = (typeof TABS)[number];
const TAB_WORDS: Record<Tab, Word> = { checkin: 'tabCheckin', log: 'tabLog', visit: 'tabVisit', leave: 'tabLeave' };

function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) =>
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 }),
  );
}

const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = useCallback((w: Word, p?: Record<string, string | number>) => translate(lang, w, p), [lang]);
  const [me, setMe] = useState<FieldMe | null>(cachedMe);
  const [needLogin, setNeedLogin] = useState(false);
  const [online, setOnline] = useState(navigator.onLine);
  const [pending, setPending] = useState<Queued[]>([]);
  const [pendingLogs, setPendingLogs] = useState<QueuedLog[]>([]);
  const [pendingVisits, setPendingVisits] = useState<QueuedVisit[]>([]);
  const [records, setRecords] = useState<FieldRecords | null>(() => cached<FieldRecords>(RECORDS_CACHE));
  const [tab, setTab] = useState<Tab>('checkin');
  const [busy, setBusy] = useState<'' | 'locating' | 'syncing'>('');
  const [message, setMessage] = useState('');

  const loadMe = useCallback(async () => {
    try {
      const m = await call<FieldMe>(lang, 'GET', '/api/field/me');
      localStorage.setItem(ME_CACHE, JSON.stringify(m));
      setMe(m);
      setNeedLogin(false);
      if (m.posting && !m.mustChangePassword) {
        const r = await call<FieldRecords>(lang, 'GET', '/api/field/records').catch(() => null);
        if (r) {
          localStorage.setItem(RECORDS_CACHE, JSON.stringify(r));
          setRecords(r);
        }
      }
      return m;
    } catch (e) {
      if (e instanceof FieldError && e.status === 401) {
        localStorage.removeItem(ME_CACHE);
        localStorage.removeItem(RECORDS_CACHE);
        setMe(null);
        setNeedLogin(true);
      } else if (!cachedMe()) setNeedLogin(true);
      return null;
    }
  }, [lang]);

  const refreshQueue = useCallback(async (username: string) => {
    setPending(await queued(username));
    setPendingLogs(await queuedLogs(username));
    setPendingVisits(await queuedVisits(username));
  }, []);

  const sync = useCallback(async () => {
    const username = me?.username;
    if (!username || !navigator.onLine || me?.mustChangePassword) return;
    setBusy((b) => b || 'syncing');
    try {
      const r = await syncQueue(username, lang);
      if (r.refused.length) setMessage(t('refused', { why: r.refused.map((x) => x.reason).join('；') }));
      if (r.sent || r.refused.length) await loadMe();
    } catch (e) {
      if (e instanceof FieldError && e.status === 401) setNeedLogin(true);
      else setMessage(String((e as Error).message));
    } finally {
      setBusy((b) => (b === 'syncing' ? '' : b));
      await refreshQueue(username);
    }
  }, [me?.username, me?.mustChangePassword, lang, loadMe, refreshQueue, t]);

  useEffect(() => {
    void loadMe();
  }, [loadMe]);

  useEffect(() => {
    if (!me?.username) return;
    void refreshQueue(me.username).then(sync);
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const every = window.setInterval(() => void sync(), 30_000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(every);
    };
  }, [me?.username, refreshQueue, sync]);

  async function checkIn() {
    if (!me) return;
    setMessage('');
    setBusy('locating');
    try {
      const p = await position();
      const c: Checkin = {
        clientId: crypto.randomUUID(),
        deviceTime: new Date().toISOString(),
        lat: Math.round(p.coords.latitude * 1e6) / 1e6,
        lon: Math.round(p.coords.longitude * 1e6) / 1e6,
        accuracy: Math.round(p.coords.accuracy * 10) / 10,
      };
      await signAndQueue(me.username, c);
      setMessage(t('queued'));
      await refreshQueue(me.username);
    } catch (e) {
      setMessage(t('noGeo', { why: (e as GeolocationPositionError).message || String(e) }));
    } finally {
      setBusy('');
    }
    void sync();
  }

  function switchLang() {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    saveLang(next);
    setLang(next);
  }

  const header = (
    <header className="bar">
      <span className="title">{t('title')}</span>
      <span className={online ? 'dot on' : 'dot'}>{online ? t('online') : t('offline')}</span>
      <button type="button" className="link" onClick={switchLang}>
        {t('lang')}
      </button>
    </header>
  );

  if (!me || needLogin) return <Login lang={lang} t={t} header={header} onDone={() => void loadMe()} />;
  if (me.mustChangePassword) return <Password lang={lang} t={t} header={header} onDone={() => void loadMe()} />;

  const waiting = pending.length + pendingLogs.length + pendingVisits.length;
  const ctx: Ctx = {
    lang,
    t,
    me,
    online,
    records,
    pendingLogs,
    pendingVisits,
    queued: async () => {
      await refreshQueue(me.username);
      void sync();
    },
  };

  const today = [
    ...pending.map((q) => ({ ...q, waiting: true })),
    ...me.today.filter((c) => !pending.some((q) => q.clientId === c.clientId)).map((c) => ({ ...c, waiting: false })),
  ].sort((a, b) => b.deviceTime.localeCompare(a.deviceTime));

  return (
    <div className="page">
      {header}
      <section className="who">
        <div className="name">{me.displayName}</div>
        <div className="village">{me.posting ? `${me.posting.townshipName ?? ''} ${me.posting.villageName}` : t('noPosting')}</div>
      </section>
      {me.posting && (
        <nav className="tabs">
          {TABS.map((k) => (
            <button
              key={k}
              type="button"
              className={tab === k ? 'on' : ''}
              aria-pressed={tab === k}
              onClick={() => {
                setTab(k);
                setMessage('');
              }}
            >
              {t(TAB_WORDS[k])}
            </button>
          ))}
        </nav>
      )}
      <div className={waiting > 0 ? 'sync' : 'sync done'} data-testid="sync-state">
        {waiting > 0 ? t('pending', { n: waiting }) : busy === 'syncing' ? t('syncing') : t('synced')}
      </div>
      {message && <div className="message">{message}</div>}
      {me.posting && tab === 'log' && <LogTab c={ctx} />}
      {me.posting && tab === 'visit' && <VisitTab c={ctx} />}
      {me.posting && tab === 'leave' && <LeaveTab c={ctx} />}
      {tab === 'checkin' && (
        <>
          <button
            type="button"
            className={lang === 'en' ? 'big en' : 'big'}
            disabled={!me.posting || busy === 'locating'}
            onClick={() => void checkIn()}
          >
            {busy === 'locating' ? t('locating') : t('checkIn')}
          </button>
          <h2>{t('today')}</h2>
          {today.length === 0 && <div className="empty">{t('none')}</div>}
          <ul className="list">
            {today.map((c) => (
              <li key={c.clientId} className={c.waiting ? 'waiting' : ''}>
                <span className="time">{hhmm(c.deviceTime)}</span>
                <span className="where">
                  {c.lat.toFixed(4)}, {c.lon.toFixed(4)} · {t('accuracy', { m: Math.round(c.accuracy) })}
                </span>
                <span className="state">{c.waiting ? t('pending', { n: 1 }) : t('itemSynced')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <button
        type="button"
        className="link logout"
        onClick={() =>
          void call(lang, 'POST', '/api/auth/logout', {})
            .catch(() => undefined)
            .then(() => {
              localStorage.removeItem(ME_CACHE);
              setMe(null);
            })
        }
      >
        {t('logout')}
      </button>
    </div>
  );
}

function Login(props: { lang: Lang; t: (w: Word, p?: Record<string, string>) => string; header: React.ReactNode; onDone: () => void }) {
  const { lang, t } = props;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!navigator.onLine) return setError(t('needLogin'));
    setBusy(true);
    setError('');
    try {
      await call(lang, 'POST', '/api/auth/login', { username, password });
      props.onDone();
    } catch (err) {
      setError(t('loginFailed', { why: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="page">
      {props.header}
      <form className="login" onSubmit={(e) => void submit(e)}>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && <div className="message error">{error}</div>}
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {t('login')}
        </button>
      </form>
    </div>
  );
}

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }));
}
document.documentElement.lang = initialLang();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { useState } from 'react';
import { call } from './api';
import type { Lang } from './i18n';
import type { T } from './shared';

/** The first login's screen: the county's temporary password is replaced before anything is sent. */
export function Password(props: { lang: Lang; t: T; header: React.ReactNode; onDone: () => void }) {
  const { t } = props;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError('');
    if (next !== again) return setError(t('passwordMismatch'));
    if (!navigator.onLine) return setError(t('needLogin'));
    setBusy(true);
    try {
      await call(props.lang, 'POST', '/api/auth/change-password', { currentPassword: current, newPassword: next });
      props.onDone();
    } catch (err) {
      setError(t('failed', { why: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="page">
      {props.header}
      <form className="login" onSubmit={(e) => void submit(e)} data-testid="password-form">
        <strong>{t('changePassword')}</strong>
        <div className="hint">{t('passwordIntro')}</div>
        <label>
          {t('currentPassword')}
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {t('newPassword')}
          <input name="new-password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label>
          {t('repeatPassword')}
          <input
            name="repeat-password"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
        {error && <div className="message error">{error}</div>}
        <button type="submit" className="primary" disabled={busy || !current || !next || !again}>
          {t('changePassword')}
        </button>
      </form>
    </div>
  );
}

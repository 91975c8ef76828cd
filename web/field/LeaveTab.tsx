import { useCallback, useEffect, useState } from 'react';
import { call, type LeaveView, villageDay } from './api';
import type { Ctx } from './shared';

const KINDS = ['personal', 'sick', 'official'] as const;
const cacheKey = (u: string) => `fupin_field_leave_${u}`;

/** Leave from the phone: asked for online only (the answer matters at once: overlaps, limits); the list is kept for offline. */
export function LeaveTab({ c }: { c: Ctx }) {
  const { t } = c;
  const [items, setItems] = useState<LeaveView[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(cacheKey(c.me.username)) ?? '[]') as LeaveView[];
    } catch {
      return [];
    }
  });
  const [kind, setKind] = useState<(typeof KINDS)[number]>('personal');
  const [start, setStart] = useState(villageDay());
  const [end, setEnd] = useState(villageDay());
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!navigator.onLine) return;
    try {
      const r = await call<{ items: LeaveView[] }>(c.lang, 'GET', '/api/field/leave');
      localStorage.setItem(cacheKey(c.me.username), JSON.stringify(r.items));
      setItems(r.items);
    } catch {
      // Keep what the phone has.
    }
  }, [c.lang, c.me.username]);
  useEffect(() => {
    void load();
  }, [load]);

  async function submit() {
    setError('');
    setMessage('');
    if (!navigator.onLine) return setError(t('needOnline'));
    setBusy(true);
    try {
      await call(c.lang, 'POST', '/api/field/leave', { kind, startDate: start, endDate: end, reason: reason.trim() });
      setReason('');
      setMessage(t('leaveSent'));
      await load();
    } catch (e) {
      setError(t('failed', { why: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section data-testid="leave-tab">
      <div className="card form">
        {!c.online && <div className="message error">{t('needOnline')}</div>}
        <label>
          {t('leaveKind')}
          <select name="leave-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <label>
            {t('leaveStart')}
            <input name="leave-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
          <label>
            {t('leaveEnd')}
            <input name="leave-end" type="date" value={end} min={start} onChange={(e) => setEnd(e.target.value)} />
          </label>
        </div>
        <label>
          {t('leaveReason')}
          <textarea name="leave-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && <div className="message error">{error}</div>}
        <button
          type="button"
          className="primary"
          disabled={busy || !c.online || !reason.trim() || !start || !end}
          onClick={() => void submit()}
        >
          {t('askLeave')}
        </button>
      </div>
      {message && <div className="message">{message}</div>}
      <h2>{t('myLeave')}</h2>
      {items.length === 0 && <div className="empty">{t('noLeave')}</div>}
      <ul className="list records">
        {items.map((l) => (
          <li key={l.id} className={l.state === 'requested' ? 'waiting' : ''}>
            <span className="day">{l.kindLabel}</span>
            <span className="text">
              {l.startDate} → {l.endDate} · {t('leaveDays', { n: l.days })} · {l.reason}
            </span>
            <span className="state" data-testid="leave-state">
              {l.stateLabel}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

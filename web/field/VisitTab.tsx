import { useEffect, useState } from 'react';
import { call, type HouseholdPick, villageDay } from './api';
import type { Ctx } from './shared';
import { cachedHouseholds, queueVisit, saveHouseholds } from './store';

/**
 * Household visits (走访): pick a household of the village from the list kept on the phone (names and household
 * numbers only, refreshed when online), write what was found, queue it; it is sent with the other records.
 */
export function VisitTab({ c }: { c: Ctx }) {
  const { t } = c;
  const [households, setHouseholds] = useState<HouseholdPick[] | null>(null);
  const [savedAt, setSavedAt] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<HouseholdPick | null>(null);
  const [date, setDate] = useState(villageDay());
  const [note, setNote] = useState('');
  const [withLog, setWithLog] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    let live = true;
    void (async () => {
      const have = await cachedHouseholds(c.me.username);
      if (have && live) {
        setHouseholds(have.items);
        setSavedAt(have.savedAt);
      }
      if (!navigator.onLine) return;
      try {
        const r = await call<{ villageCode: string; items: HouseholdPick[] }>(c.lang, 'GET', '/api/field/households');
        await saveHouseholds(c.me.username, r.villageCode, r.items);
        if (live) {
          setHouseholds(r.items);
          setSavedAt(new Date().toISOString());
        }
      } catch {
        // Offline or the server unreachable: the list kept on the phone serves.
      }
    })();
    return () => {
      live = false;
    };
  }, [c.me.username, c.lang]);

  // As the register's search: the householder's name, its full pinyin or initials (prefix), or the household number.
  const needle = q.trim();
  const lower = needle.toLowerCase().replace(/\s+/g, '');
  const matches =
    needle && households
      ? households
          .filter(
            (h) =>
              (h.headName ?? '').includes(needle) ||
              h.householdNo.toLowerCase().includes(lower) ||
              (/^[a-z]+$/.test(lower) && ((h.headPinyin ?? '').startsWith(lower) || (h.headInitials ?? '').startsWith(lower))),
          )
          .slice(0, 20)
      : [];

  async function save() {
    if (!picked) return;
    await queueVisit({
      username: c.me.username,
      householdId: picked.id,
      householdNo: picked.householdNo,
      headName: picked.headName,
      visitDate: date,
      note: note.trim(),
      withLog,
    });
    setPicked(null);
    setNote('');
    setQ('');
    setMessage(t('visitSaved'));
    await c.queued();
  }

  const month = [
    ...c.pendingVisits.map((v) => ({ ...v, key: v.clientId, waiting: true })),
    ...(c.records?.visits ?? [])
      .filter((v) => !c.pendingVisits.some((p) => p.clientId === v.clientId))
      .map((v) => ({ ...v, key: v.clientId, waiting: false })),
  ].sort((a, b) => b.visitDate.localeCompare(a.visitDate));

  return (
    <section data-testid="visit-tab">
      {picked ? (
        <div className="card form">
          <div className="picked">
            <strong>{picked.headName ?? '—'}</strong> · {picked.householdNo}
          </div>
          <label>
            {t('visitDate')}
            <input name="visit-date" type="date" value={date} max={villageDay()} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label>
            {t('visitNote')}
            <textarea
              name="visit-note"
              rows={4}
              maxLength={1000}
              placeholder={t('visitNotePlaceholder')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={withLog} onChange={(e) => setWithLog(e.target.checked)} />
            {t('withLog')}
          </label>
          <div className="row">
            <button type="button" className="secondary" onClick={() => setPicked(null)}>
              {t('cancel')}
            </button>
            <button type="button" className="primary" disabled={!date} onClick={() => void save()}>
              {t('saveVisit')}
            </button>
          </div>
        </div>
      ) : (
        <div className="card form">
          <input
            name="household-search"
            type="search"
            placeholder={t('searchHousehold')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <div className="hint">
            {households ? t('householdsCached', { n: households.length, date: savedAt.slice(0, 10) }) : t('noHouseholds')}
          </div>
          {needle && matches.length === 0 && households && <div className="empty">{t('noMatch')}</div>}
          <ul className="picks">
            {matches.map((h) => (
              <li key={h.id}>
                <button type="button" onClick={() => setPicked(h)}>
                  <strong>{h.headName ?? '—'}</strong>
                  <span>{h.householdNo}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {message && <div className="message">{message}</div>}
      <h2>{t('monthVisits')}</h2>
      {month.length === 0 && <div className="empty">{t('noVisits')}</div>}
      <ul className="list records">
        {month.map((v) => (
          <li key={v.key} className={v.waiting ? 'waiting' : ''}>
            <span className="day">{v.visitDate.slice(5)}</span>
            <span className="text">
              <strong>{v.headName ?? v.householdNo}</strong> {v.note}
            </span>
            <span className="state">{v.waiting ? t('pending', { n: 1 }) : t('itemSynced')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

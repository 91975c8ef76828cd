import { useEffect, useMemo, useRef, useState } from 'react';
import { villageDay } from './api';
import { type Ctx, PHOTO_MAX_MB } from './shared';
import { signAndQueueLog } from './store';

/** Today's work log (one a day): text and up to 3 photos, signed and queued at once, sent when online. */
export function LogTab({ c }: { c: Ctx }) {
  const { t } = c;
  const day = villageDay();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const previews = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const u of previews) URL.revokeObjectURL(u);
    },
    [previews],
  );

  const pendingToday = c.pendingLogs.find((l) => l.logDate === day);
  const syncedToday = c.records?.logs.find((l) => l.logDate === day);
  const written = pendingToday ?? syncedToday;

  function pick(list: FileList | null) {
    setError('');
    const next = [...files];
    for (const f of list ? [...list] : []) {
      if (next.length >= 3) break;
      if (f.type !== 'image/jpeg' && f.type !== 'image/png') {
        setError(t('photoType', { name: f.name }));
        continue;
      }
      if (f.size > PHOTO_MAX_MB * 1024 * 1024) {
        setError(t('photoTooBig', { name: f.name, max: PHOTO_MAX_MB }));
        continue;
      }
      next.push(f);
    }
    setFiles(next);
    if (input.current) input.current.value = '';
  }

  async function save() {
    setBusy(true);
    try {
      await signAndQueueLog(c.me.username, { logDate: day, text, photos: files });
      setText('');
      setFiles([]);
      setNote(t('logSaved'));
      await c.queued();
    } catch (e) {
      setError(t('failed', { why: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  const month = [
    ...c.pendingLogs.map((l) => ({ key: l.clientId, date: l.logDate, text: l.text, photos: l.photos.length, waiting: true })),
    ...(c.records?.logs ?? [])
      .filter((l) => !c.pendingLogs.some((p) => p.clientId === l.clientId))
      .map((l) => ({ key: l.clientId, date: l.logDate, text: l.text, photos: l.photos.length, waiting: false })),
  ].sort((a, b) => b.date.localeCompare(a.date));

  return (
    <section data-testid="log-tab">
      <h2>
        {t('logToday')} · {day}
      </h2>
      {written ? (
        <div className="card done">{t('logDone')}</div>
      ) : (
        <div className="card form">
          <textarea
            name="log-text"
            rows={5}
            maxLength={2000}
            placeholder={t('logPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="hint">{t('logChars', { n: text.length })}</div>
          <div className="thumbs">
            {files.map((f, i) => (
              <figure key={`${f.name}-${f.size}-${f.lastModified}`}>
                <img src={previews[i]} alt={f.name} />
                <button type="button" className="link" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                  {t('removePhoto')}
                </button>
              </figure>
            ))}
          </div>
          <label className={files.length >= 3 ? 'pick disabled' : 'pick'}>
            {t('addPhoto', { n: files.length })}
            <input
              ref={input}
              data-testid="log-photos"
              type="file"
              accept="image/jpeg,image/png"
              multiple
              disabled={files.length >= 3}
              onChange={(e) => pick(e.target.files)}
            />
          </label>
          {error && <div className="message error">{error}</div>}
          <button type="button" className="primary" disabled={busy || !text.trim()} onClick={() => void save()}>
            {t('saveLog')}
          </button>
        </div>
      )}
      {note && <div className="message">{note}</div>}
      <h2>{t('monthLogs')}</h2>
      {month.length === 0 && <div className="empty">{t('noLogs')}</div>}
      <ul className="list records">
        {month.map((l) => (
          <li key={l.key} className={l.waiting ? 'waiting' : ''}>
            <span className="day">{l.date.slice(5)}</span>
            <span className="text">{l.text}</span>
            <span className="state">
              {l.photos > 0 && `${t('photos', { n: l.photos })} · `}
              {l.waiting ? t('pending', { n: 1 }) : t('itemSynced')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

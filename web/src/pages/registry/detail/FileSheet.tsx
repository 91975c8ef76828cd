import type { ReactNode } from 'react';
import type { HouseholdDetail as Detail } from '../../../api/registry';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { reasonText } from './StatusHistory';

const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;
const SOURCES = ['wages', 'business', 'businessCosts', 'property', 'transfers'] as const;

function Table({ head, rows, empty }: { head: ReactNode[]; rows: ReactNode[][]; empty: string }) {
  if (!rows.length) return <p className="fp-file-none">{empty}</p>;
  return (
    <table className="fp-file-table">
      <thead>
        <tr>
          {head.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are printed, never reordered
          <tr key={i}>
            {r.map((c, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One household's file (一户一档) as an A4 sheet: what the server's PDF holds, for the browser's print. Masked as the
 * PDF is (IDs and phones as masked, the birth year only), whoever looks.
 */
export function FileSheet({ h, printed }: { h: Detail; printed: string }) {
  const { t, lang } = useI18n();
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, lang));
  const yes = (v: boolean | null) => (v === null ? '' : t(v ? 'common.yes' : 'common.no'));
  const head = h.members.find((m) => m.relation === 'head');
  const place = [h.countyName, h.townshipName, h.villageName].filter(Boolean).join(' / ');
  const pairs: [string, ReactNode][] = [
    [t('reg.h.head'), head?.name ?? '—'],
    [t('reg.h.category'), h.categoryLabel ?? h.category],
    [t('reg.h.cause'), h.causeLabel ?? h.cause],
    [t('reg.h.status'), h.statusLabel ?? h.status],
    [t('reg.d.yearIdentified'), h.yearIdentified],
    [t('reg.h.plannedExit'), h.plannedExitYear ?? '—'],
    [t('reg.d.exitYear'), h.exitYear ?? '—'],
    [t('reg.inc.persons'), h.members.length],
  ];
  return (
    <section className="fp-file-sheet" data-testid="file-sheet">
      <h1>{t('reg.p.title')}</h1>
      <p className="fp-file-sub">
        {t('reg.d.title')} <b data-testid="file-household-no">{h.householdNo}</b>　{place}　{t('reg.p.printed')} {printed}
      </p>
      <table className="fp-file-table fp-file-pairs">
        <tbody>
          {[0, 4].map((start) => (
            <tr key={start}>
              {pairs.slice(start, start + 4).flatMap(([k, v]) => [<th key={`k${k}`}>{k}</th>, <td key={`v${k}`}>{v}</td>])}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('reg.g.title')}</h2>
      <Table
        head={GUARANTEES.map((g) => t(`reg.g.${g}` as MessageKey))}
        rows={[
          GUARANTEES.map((g) => (
            <span key={g} data-testid={`file-guarantee-${g}`}>
              {yes(h.guarantees[g])}
            </span>
          )),
        ]}
        empty=""
      />

      <h2>
        {t('reg.d.members')}（{h.members.length}）
      </h2>
      <Table
        head={[
          t('reg.m.name'),
          t('reg.m.relation'),
          t('reg.m.idNumber'),
          t('reg.m.gender'),
          t('reg.m.birthYear'),
          t('reg.m.ethnicity'),
          t('reg.m.education'),
          t('reg.m.schooling'),
          t('reg.m.health'),
          t('reg.m.labour'),
          t('reg.m.work'),
          t('reg.m.insurance'),
        ]}
        rows={h.members.map((m) => [
          m.name,
          m.relationLabel ?? m.relation,
          <span key="id" className="fp-file-mono">
            {m.idMasked}
          </span>,
          m.genderLabel ?? m.gender,
          m.birthYear,
          m.ethnicity,
          m.education,
          m.schooling,
          m.health,
          m.labour,
          m.work,
          yes(m.medicalInsurance),
        ])}
        empty={t('reg.p.none')}
      />

      <h2>{t('reg.d.incomeBySource')}</h2>
      <Table
        head={[t('reg.inc.year'), ...SOURCES.map((s) => t(`reg.inc.${s}` as MessageKey)), t('reg.inc.persons'), t('reg.inc.perCapita')]}
        rows={h.incomes.map((i) => [i.year, ...SOURCES.map((s) => n(i[s])), n(i.persons), <b key="pc">{n(i.perCapita)}</b>])}
        empty={t('reg.p.none')}
      />

      <h2>{t('reg.d.helpers')}</h2>
      <Table
        head={[t('reg.d.helperName'), t('reg.m.phone'), t('reg.d.startDate'), t('reg.d.endDate')]}
        rows={h.helpers.map((p) => [p.name, p.phoneMasked ?? '—', p.startDate ?? '—', p.endDate ?? t('reg.p.current')])}
        empty={t('reg.p.none')}
      />

      <h2>{t('reg.d.visits')}</h2>
      <Table
        head={[t('reg.d.visitDate'), t('reg.d.visitCadre'), t('reg.d.visitNote')]}
        rows={h.visits.map((v) => [v.date, v.cadreName, v.note])}
        empty={t('reg.p.none')}
      />

      <h2>{t('reg.d.projects')}</h2>
      <Table
        head={[t('reg.d.projectType'), t('reg.d.projectYear'), t('reg.d.projectAmount'), t('reg.d.projectState')]}
        rows={h.projects.map((p) => [p.typeLabel ?? p.type, p.year, n(p.amount), p.stateLabel ?? p.state])}
        empty={t('reg.p.none')}
      />

      <h2>{t('reg.d.statusHistory')}</h2>
      <Table
        head={[t('reg.p.date'), t('reg.p.from'), t('reg.p.to'), t('reg.p.reason')]}
        rows={h.statusHistory.map((s) => [
          s.changedOn,
          s.previousStatus ? (h.statusHistory.find((x) => x.status === s.previousStatus)?.statusLabel ?? s.previousStatus) : '—',
          s.statusLabel ?? s.status,
          reasonText(t, s.reason),
        ])}
        empty={t('reg.p.none')}
      />
    </section>
  );
}

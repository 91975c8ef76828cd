import { Input, Select, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { RegionCascader } from '../../../components/RegionCascader';
import { type MessageKey, useI18n } from '../../../i18n';
import { useCurrentRegion } from '../../../lib/useRegion';
import '../../../components/cadres/cadres.css';
import './areas.css';

/** Where a poor village or poverty county stands: exited, in the exit procedure, under the threshold now, or not yet. */
export const AREA_STATUSES = ['meets', 'open', 'exited', 'not'] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];
const OPEN = new Set(['proposed', 'checked', 'prechecked', 'verified', 'notice']);

export const AREA_COLOR: Record<string, string> = {
  proposed: 'orange',
  checked: 'blue',
  prechecked: 'blue',
  verified: 'geekblue',
  notice: 'purple',
  announced: 'green',
  withdrawn: 'default',
};

export interface AreaRow {
  meetsThreshold: boolean;
  exitState: string | null;
  exitStateLabel: string | null;
}

/** The one status a row shows first: an exit is final, a procedure under way comes before the threshold. */
export function statusOf(r: AreaRow, exitedIn: number | null): AreaStatus {
  if (exitedIn !== null) return 'exited';
  if (r.exitState && OPEN.has(r.exitState)) return 'open';
  return r.meetsThreshold ? 'meets' : 'not';
}

/** Whether a row passes the list's state filter (meets: under the threshold and not exited, in procedure or not). */
export function passes(filter: AreaStatus | undefined, r: AreaRow, exitedIn: number | null) {
  if (!filter) return true;
  const s = statusOf(r, exitedIn);
  return filter === 'meets' ? s !== 'exited' && r.meetsThreshold : s === filter;
}

export function AreaStatusTag({ r, exitedIn }: { r: AreaRow; exitedIn: number | null }) {
  const { t } = useI18n();
  const s = statusOf(r, exitedIn);
  const [color, text] =
    s === 'exited'
      ? ['green', t('exa.status.exitedIn', { year: exitedIn ?? '' })]
      : s === 'open'
        ? [AREA_COLOR[r.exitState ?? ''] ?? 'blue', t('exa.status.openAt', { step: r.exitStateLabel ?? '' })]
        : s === 'meets'
          ? ['cyan', t('exa.status.meets')]
          : ['default', t('exa.status.not')];
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="area-status" data-status={s}>
      {text}
    </Tag>
  );
}

/** Incidence against the threshold: green under it, red at or above it; the persons behind it on a second line. */
export function Incidence({ value, threshold, poor, population }: { value: number; threshold: number; poor: number; population: number }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type={value < threshold ? 'success' : 'danger'} strong data-testid="area-incidence">
        {value.toFixed(2)}%
      </Typography.Text>
      <Typography.Text type="secondary" className="fp-exa-persons">
        {t('exa.persons', { poor: poor.toLocaleString(), population: population.toLocaleString() })}
      </Typography.Text>
    </Space>
  );
}

/** The list's filters, in the URL: ?state= and ?q= beside ?region=. */
export function useAreaFilters() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const state = (AREA_STATUSES as readonly string[]).includes(raw ?? '') ? (raw as AreaStatus) : undefined;
  const q = params.get('q') ?? '';
  const set = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );
  return { state, q, set };
}

export function AreaFilters({
  counts,
  searchLabel,
  prefix,
}: {
  counts: Record<AreaStatus | 'all', number>;
  searchLabel: string;
  prefix: string;
}) {
  const { t } = useI18n();
  const { code: region, setCode } = useCurrentRegion();
  const { state, q, set } = useAreaFilters();
  return (
    <div className="fp-cad-filters fp-exa-filters">
      <div className="fp-exa-region">
        <RegionCascader value={region} onChange={(c) => c && setCode(c)} style={{ width: '100%' }} data-testid={`${prefix}-region`} />
      </div>
      <Select
        value={state ?? 'all'}
        onChange={(v) => set('state', v === 'all' ? undefined : v)}
        options={(['all', ...AREA_STATUSES] as const).map((s) => ({
          value: s,
          label: `${t(`exa.filter.${s}` as MessageKey)} (${counts[s]})`,
        }))}
        popupMatchSelectWidth={false}
        data-testid={`${prefix}-state`}
      />
      <Input.Search
        className="fp-cad-search"
        allowClear
        defaultValue={q}
        placeholder={searchLabel}
        onSearch={(v) => set('q', v.trim() || undefined)}
        data-testid={`${prefix}-search`}
      />
    </div>
  );
}

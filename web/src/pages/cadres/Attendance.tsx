import { Button, Card, DatePicker, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { type AttendanceItem, attendance } from '../../api/attendance';
import { errorMessage, isApiError } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { RegionPath } from '../../components/cadres/RegionPath';
import { LoadMore } from '../../components/LoadMore';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import '../../components/cadres/cadres.css';

const PAGE = 50;
type Row = AttendanceItem & { id: number };
type Filter = 'all' | 'below' | 'flagged';

/** The month in the URL (?month=YYYY-MM), this month by default. */
export function useMonthParam(): [string, (m: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : dayjs().format('YYYY-MM');
  const set = (m: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('month', m);
        return p;
      },
      { replace: true },
    );
  return [month, set];
}

export function FlagTags({ codes }: { codes: readonly string[] }) {
  const { t } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((c) => (
        <Tag key={c} color={c.startsWith('forged') ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="flag-tag">
          {t(`att.code.${c}` as MessageKey)}
        </Tag>
      ))}
    </Space>
  );
}

function Days({ a }: { a: AttendanceItem }) {
  const { t } = useI18n();
  return (
    <Typography.Text type={a.compliant ? undefined : 'danger'}>
      {t('att.daysOf', { days: a.daysInVillage, required: a.requiredDays })}
    </Typography.Text>
  );
}

/** One cadre's month on a phone. */
function AttendanceCard({ a, to }: { a: Row; to: string }) {
  const { t } = useI18n();
  return (
    <div data-testid="attendance-card" data-id={a.postingId}>
      <div className="fp-pcard-top">
        <Link to={to} className="fp-pcard-name" data-testid="attendance-link">
          {a.name}
        </Link>
        <Tag color={a.compliant ? 'green' : 'red'}>{a.compliant ? t('att.yes') : t('att.no')}</Tag>
      </div>
      <Typography.Text type="secondary" className="fp-pcard-line">
        {a.villageName} · {a.idMasked}
      </Typography.Text>
      <Typography.Text className="fp-pcard-line">
        <Days a={a} /> · {t('att.c.nights')} {a.nights} · {t('att.c.official')} {a.officialDays}
      </Typography.Text>
      {a.flags.length > 0 && <FlagTags codes={a.flags} />}
    </div>
  );
}

/** 出勤统计: a region's month of attendance, those below the standard or flagged on demand; a row opens the cadre's month. */
export default function Attendance() {
  const { t, lang } = useI18n();
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [month, setMonth] = useMonthParam();
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get('flagged') === '1' ? 'flagged' : params.get('compliant') === '0' ? 'below' : 'all';
  const setFilter = (f: Filter) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.delete('flagged');
        p.delete('compliant');
        if (f === 'flagged') p.set('flagged', '1');
        if (f === 'below') p.set('compliant', '0');
        return p;
      },
      { replace: true },
    );
  const [computedAt, setComputedAt] = useState<string | null>(null);
  const list = useKeysetList<Row>(
    (cursor, signal) =>
      attendance
        .list(
          {
            region,
            month,
            cursor,
            limit: PAGE,
            ...(filter === 'flagged' ? { flagged: '1' as const } : {}),
            ...(filter === 'below' ? { compliant: '0' as const } : {}),
          },
          signal,
        )
        .then((p) => {
          setComputedAt(p.computedAt);
          return { ...p, items: p.items.map((a) => ({ ...a, id: a.postingId })) };
        }),
    [region, month, filter, lang],
  );
  const to = (a: Row) => link(`/cadres/attendance/${a.postingId}?month=${month}`);
  const canCompute = me.permissions.includes('data.write');

  const compute = async () => {
    try {
      const r = await attendance.compute({ region, month });
      toast.success(t('att.computedDone', { postings: r.postings, checkins: r.checkins, flags: r.flags, ms: r.ms }));
      list.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  if (list.error && isApiError(list.error) && list.error.status === 404 && region !== me.scope.code)
    return <RegionNotFound code={region} />;

  return (
    <Card
      data-testid="attendance-page"
      title={
        <Space size={8} wrap>
          <span data-testid="attendance-title">{t('att.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('att.caption', { min: 20 })}
      </Typography.Paragraph>
      <div className="fp-cad-filters">
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          data-testid="attendance-month"
        />
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('att.filter.all') },
            { value: 'below', label: t('att.filter.below') },
            { value: 'flagged', label: t('att.filter.flagged') },
          ]}
          data-testid="attendance-filter"
        />
        <Typography.Text type="secondary" data-testid="attendance-computed">
          {computedAt ? t('att.computed', { at: dayjs(computedAt).format('YYYY-MM-DD HH:mm') }) : t('att.neverComputed')}
        </Typography.Text>
        {canCompute && (
          <Button onClick={compute} data-testid="attendance-compute">
            {t('att.compute')}
          </Button>
        )}
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<Row>
            card={(a) => <AttendanceCard a={a} to={to(a)} />}
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.rows}
            pagination={false}
            scroll={{ x: 960 }}
            data-testid="attendance-table"
            rowClassName={() => 'fp-clickable-row'}
            onRow={(a) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                void navigate(to(a));
              },
            })}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('att.empty')} /> }}
            columns={[
              {
                title: t('att.c.name'),
                key: 'name',
                width: 100,
                fixed: 'left' as const,
                render: (_: unknown, a: Row) => (
                  <Link to={to(a)} data-testid="attendance-link">
                    {a.name}
                  </Link>
                ),
              },
              { title: t('att.c.id'), dataIndex: 'idMasked', width: 180 },
              { title: t('att.c.village'), dataIndex: 'villageName', width: 120 },
              { title: t('att.c.days'), key: 'days', width: 110, align: 'right', render: (_: unknown, a: Row) => <Days a={a} /> },
              { title: t('att.c.nights'), dataIndex: 'nights', width: 70, align: 'right' },
              { title: t('att.c.official'), dataIndex: 'officialDays', width: 70, align: 'right' },
              {
                title: t('att.c.compliant'),
                dataIndex: 'compliant',
                width: 90,
                render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? t('att.yes') : t('att.no')}</Tag>,
              },
              {
                title: t('att.c.flags'),
                key: 'flags',
                render: (_: unknown, a: Row) => (
                  <Space size={4} wrap>
                    <FlagTags codes={a.flags} />
                    {a.openAbsenceCandidates > 0 && (
                      <Typography.Text type="secondary">{t('att.absences', { n: a.openAbsenceCandidates })}</Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="attendance-load-more"
              countTestId="attendance-count"
            />
          </div>
        </>
      )}
    </Card>
  );
}

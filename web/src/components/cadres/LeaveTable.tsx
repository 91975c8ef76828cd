import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { LeaveItem } from '../../api/cadres';
import { useI18n } from '../../i18n';
import { useRegionLink } from '../../lib/useRegion';
import { ResponsiveTable } from '../ResponsiveTable';
import { EmptyState } from '../States';
import { StateTag } from './tags';
import './cadres.css';

/** One leave request on a phone: who, the dates and days, the state; the card opens the request. */
function LeaveCard({ l, to, showCadre }: { l: LeaveItem; to: string; showCadre: boolean }) {
  const { t } = useI18n();
  return (
    <div data-testid="leave-card" data-id={l.id}>
      <div className="fp-pcard-top">
        <Link to={to} className="fp-pcard-name" data-testid="leave-link">
          {showCadre ? l.name : `${l.kindLabel} · ${t('cad.days', { days: l.days })}`}
        </Link>
        <StateTag kind="leave" state={l.state} label={l.stateLabel} overdue={l.overdue} dueDate={l.dueDate} />
      </div>
      {showCadre && (
        <Typography.Text type="secondary" className="fp-pcard-line">
          {l.village.name} · {l.kindLabel} · {t('cad.days', { days: l.days })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" className="fp-pcard-line">
        {t('cad.dates', { start: l.startDate, end: l.endDate })}
      </Typography.Text>
      <Typography.Text type="secondary" className="fp-pcard-line" ellipsis>
        {l.reason}
      </Typography.Text>
    </div>
  );
}

/** Leave requests as a table (cards on a phone); `showCadre` adds who and where (the leave list, not a posting's). */
export function LeaveTable({
  rows,
  loading = false,
  showCadre = false,
  empty,
  testId = 'leave-table',
}: {
  rows: LeaveItem[];
  loading?: boolean;
  showCadre?: boolean;
  empty?: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const link = useRegionLink();
  const navigate = useNavigate();
  const to = (l: LeaveItem) => link(`/cadres/leave/${l.id}`);
  return (
    <ResponsiveTable<LeaveItem>
      card={(l) => <LeaveCard l={l} to={to(l)} showCadre={showCadre} />}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: showCadre ? 980 : 760 }}
      data-testid={testId}
      rowClassName={() => 'fp-clickable-row'}
      onRow={(l) => ({
        onClick: (e) => {
          if ((e.target as HTMLElement).closest('a,button')) return;
          void navigate(to(l));
        },
      })}
      locale={{ emptyText: loading ? ' ' : <EmptyState description={empty} /> }}
      columns={[
        ...(showCadre
          ? [
              {
                title: t('cad.l.c.name'),
                key: 'name',
                width: 100,
                fixed: 'left' as const,
                render: (_: unknown, l: LeaveItem) => (
                  <Link to={to(l)} data-testid="leave-link">
                    {l.name}
                  </Link>
                ),
              },
              { title: t('cad.l.c.village'), key: 'village', width: 120, render: (_: unknown, l: LeaveItem) => l.village.name },
            ]
          : []),
        {
          title: t('cad.l.c.kind'),
          dataIndex: 'kindLabel',
          width: 100,
          render: (v: string, l) =>
            showCadre ? (
              v
            ) : (
              <Link to={to(l)} data-testid="leave-link">
                {v}
              </Link>
            ),
        },
        { title: t('cad.l.c.dates'), key: 'dates', width: 200, render: (_, l) => t('cad.dates', { start: l.startDate, end: l.endDate }) },
        { title: t('cad.l.c.days'), dataIndex: 'days', width: 70, align: 'right' },
        { title: t('cad.l.c.reason'), dataIndex: 'reason', ellipsis: true },
        {
          title: t('cad.l.c.due'),
          dataIndex: 'dueDate',
          width: 110,
          render: (v: string | null, l) => (v ? <Typography.Text type={l.overdue ? 'danger' : undefined}>{v}</Typography.Text> : '—'),
        },
        {
          title: t('cad.l.c.state'),
          dataIndex: 'state',
          width: 150,
          render: (_, l) => <StateTag kind="leave" state={l.state} label={l.stateLabel} overdue={l.overdue} dueDate={l.dueDate} />,
        },
      ]}
    />
  );
}

import { Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { LedgerItem } from '../../../api/partyLedger';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useRegionLink } from '../../../lib/useRegion';

export const STATE_COLOR: Record<string, string> = {
  identified: 'orange',
  planned: 'gold',
  rectifying: 'blue',
  closed: 'green',
  consolidated: 'cyan',
};

/** The state with its warnings: past the deadline, open after the year's end. */
export function LedgerState({ r }: { r: Pick<LedgerItem, 'state' | 'stateLabel' | 'overdue' | 'notClosedByYearEnd'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={STATE_COLOR[r.state]} style={{ marginInlineEnd: 0 }} data-testid="ledger-state" data-state={r.state}>
        {r.stateLabel}
      </Tag>
      {r.overdue && <Tag color="red">{t('pl.overdue')}</Tag>}
      {r.notClosedByYearEnd && <Tag color="volcano">{t('pl.yearEnd')}</Tag>}
    </Space>
  );
}

function LedgerCard({ r, to }: { r: LedgerItem; to: string }) {
  return (
    <div data-testid="ledger-card" data-id={r.id}>
      <div className="fp-pcard-top">
        <Link to={to} className="fp-pcard-name" data-testid="ledger-link">
          {r.village.name}
        </Link>
        <LedgerState r={r} />
      </div>
      <Typography.Text type="secondary" className="fp-pcard-line">
        {r.village.township} · {r.year}
      </Typography.Text>
      <Typography.Text type="secondary" className="fp-pcard-line" ellipsis>
        {r.causes.map((c) => c.label).join('、')}
      </Typography.Text>
    </div>
  );
}

/** Rectification cases as a table (cards on a phone); a row opens its case. */
export function LedgerTable({ rows, loading }: { rows: LedgerItem[]; loading: boolean }) {
  const { t } = useI18n();
  const link = useRegionLink();
  const navigate = useNavigate();
  const to = (r: LedgerItem) => link(`/party/ledger/${r.id}`);
  return (
    <ResponsiveTable<LedgerItem>
      card={(r) => <LedgerCard r={r} to={to(r)} />}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1100 }}
      data-testid="ledger-table"
      rowClassName={() => 'fp-clickable-row'}
      onRow={(r) => ({
        onClick: (e) => {
          if ((e.target as HTMLElement).closest('a,button')) return;
          void navigate(to(r));
        },
      })}
      locale={{ emptyText: loading ? ' ' : <EmptyState description={t('pl.empty')} /> }}
      columns={[
        {
          title: t('pl.c.village'),
          key: 'village',
          width: 170,
          fixed: 'left',
          render: (_, r) => (
            <Link to={to(r)} data-testid="ledger-link">
              {r.village.township} · {r.village.name}
            </Link>
          ),
        },
        { title: t('pl.c.year'), dataIndex: 'year', width: 70 },
        { title: t('pl.c.causes'), key: 'causes', ellipsis: true, render: (_, r) => r.causes.map((c) => c.label).join('、') },
        {
          title: t('pl.c.leaders'),
          key: 'leaders',
          width: 170,
          render: (_, r) => [r.countyLeader ?? '—', r.townshipMember ?? '—'].join(' / '),
        },
        {
          title: t('pl.c.deadline'),
          dataIndex: 'deadline',
          width: 110,
          render: (v: string | null, r) => (v ? <Typography.Text type={r.overdue ? 'danger' : undefined}>{v}</Typography.Text> : '—'),
        },
        { title: t('pl.c.progress'), dataIndex: 'lastProgress', ellipsis: true, responsive: ['lg'] },
        { title: t('pl.c.state'), key: 'state', width: 190, render: (_, r) => <LedgerState r={r} /> },
      ]}
    />
  );
}

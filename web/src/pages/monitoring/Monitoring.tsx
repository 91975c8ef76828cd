import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import {
  KINDS,
  MONITORING_STATES,
  type MonitoringItem,
  type MonitoringKind,
  type MonitoringState,
  monitoring,
} from '../../api/exitMonitoring';
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
import { ProposalModal } from './ProposalModal';
import '../../components/cadres/cadres.css';

export const MON_COLOR: Record<string, string> = {
  proposed: 'orange',
  visiting: 'gold',
  notice: 'purple',
  township_review: 'blue',
  county_decision: 'geekblue',
  monitored: 'red',
  left: 'green',
  rejected: 'default',
};

export function MonState({ r }: { r: Pick<MonitoringItem, 'state' | 'stateLabel' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={MON_COLOR[r.state]} style={{ marginInlineEnd: 0 }} data-testid="mon-state" data-state={r.state}>
        {r.stateLabel}
      </Tag>
      {r.overdue && <Tag color="red">{t('mon.overdue')}</Tag>}
    </Space>
  );
}

/** 防返贫监测对象: the region's cases (?state=, ?kind=, ?overdue=1), new proposals and the system's income scan. */
export default function Monitoring() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const link = useRegionLink();
  const navigate = useNavigate();
  const { code: region } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? undefined) as MonitoringState | undefined;
  const kind = (params.get('kind') ?? undefined) as MonitoringKind | undefined;
  const overdue = params.get('overdue') === '1';
  const [creating, setCreating] = useState(false);
  const [scanning, setScanning] = useState(false);
  const set = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );
  const list = useKeysetList<MonitoringItem>(
    (cursor, signal) => monitoring.list({ region, state, kind, overdue: overdue ? '1' : undefined, cursor, limit: 50 }, signal),
    [region, state, kind, overdue, lang],
  );
  const canWrite = me.permissions.includes('data.write');
  const county = canWrite && me.scope.code.length <= 6;
  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }
  const scan = async () => {
    setScanning(true);
    try {
      const r = await monitoring.scan(region);
      message.success(t('mon.scanDone', { n: r.proposed, line: r.line }));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setScanning(false);
    }
  };
  const to = (r: MonitoringItem) => link(`/monitoring/${r.id}`);

  return (
    <Card
      data-testid="monitoring-page"
      title={
        <Space size={8} wrap>
          <span>{t('mon.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        <Space wrap>
          {county && (
            <Button icon={<ThunderboltOutlined />} onClick={scan} loading={scanning} data-testid="mon-scan">
              {t('mon.scan')}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="mon-new">
              {t('mon.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('mon.caption')}
      </Typography.Paragraph>
      <div className="fp-cad-filters">
        <Select
          value={state ?? 'all'}
          onChange={(v) => set('state', v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: t('mon.state.all') },
            ...MONITORING_STATES.map((s) => ({ value: s, label: t(`mon.state.${s}` as MessageKey) })),
          ]}
          popupMatchSelectWidth={false}
          data-testid="filter-mon-state"
        />
        <Select
          value={kind ?? 'all'}
          onChange={(v) => set('kind', v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: t('mon.kind.all') },
            ...KINDS.map((k) => ({ value: k, label: t(`mon.kind.${k}` as MessageKey) })),
          ]}
          popupMatchSelectWidth={false}
          data-testid="filter-mon-kind"
        />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)} data-testid="filter-mon-overdue">
          {t('mon.overdueOnly')}
        </Checkbox>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<MonitoringItem>
            card={(r) => (
              <div data-testid="mon-card" data-id={r.id}>
                <div className="fp-pcard-top">
                  <Link to={to(r)} className="fp-pcard-name" data-testid="mon-link">
                    {r.head ?? r.householdNo}
                  </Link>
                  <MonState r={r} />
                </div>
                <Typography.Text type="secondary" className="fp-pcard-line">
                  {r.village.township} · {r.village.name} · {r.kindLabel}
                </Typography.Text>
                <Typography.Text type="secondary" className="fp-pcard-line" ellipsis>
                  {r.risk}
                </Typography.Text>
              </div>
            )}
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.rows}
            pagination={false}
            scroll={{ x: 1100 }}
            data-testid="mon-table"
            rowClassName={() => 'fp-clickable-row'}
            onRow={(r) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                void navigate(to(r));
              },
            })}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('mon.empty')} /> }}
            columns={[
              {
                title: t('mon.c.household'),
                key: 'household',
                width: 220,
                fixed: 'left',
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={to(r)} data-testid="mon-link">
                      {r.head ?? '—'} · {r.householdNo}
                    </Link>
                    <Typography.Text type="secondary">
                      {r.village.township} · {r.village.name}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('mon.c.kind'),
                key: 'kind',
                width: 150,
                render: (_, r) => (
                  <Space size={4} wrap>
                    {r.kindLabel}
                    {r.monitoringOnly && <Tag>{t('mon.onlyMonitoring')}</Tag>}
                  </Space>
                ),
              },
              { title: t('mon.c.source'), dataIndex: 'sourceLabel', width: 100 },
              { title: t('mon.c.risk'), dataIndex: 'risk', ellipsis: true },
              {
                title: t('mon.c.income'),
                dataIndex: 'income',
                width: 110,
                render: (v: number | null) => (v === null ? '—' : v.toLocaleString()),
              },
              {
                title: t('mon.c.due'),
                key: 'due',
                width: 110,
                render: (_, r) => (
                  <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.decisionDue ?? r.stepDue ?? '—'}</Typography.Text>
                ),
              },
              { title: t('mon.c.state'), key: 'state', width: 170, render: (_, r) => <MonState r={r} /> },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="mon-load-more"
              countTestId="mon-count"
            />
          </div>
        </>
      )}
      <ProposalModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

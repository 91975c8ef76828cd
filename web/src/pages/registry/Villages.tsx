import { Card, Segmented, Space, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type PoorVillage, registry, type VillageExit } from '../../api/registry';
import { useMe } from '../../auth/AuthContext';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { INCIDENCE_THRESHOLD, Incidence } from '../../components/registry/Incidence';
import { EmptyState, ErrorState } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';

const EXITS: VillageExit[] = ['all', 'not_exited', 'exited'];

/** 贫困村: the poor villages of the current region (?region=), filtered by exit state (?exit=). */
export default function Villages() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const exitParam = params.get('exit') as VillageExit | null;
  const exit: VillageExit = exitParam && EXITS.includes(exitParam) ? exitParam : 'all';
  const list = useAsync(() => registry.villages(region, exit), [region, exit, lang]);

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  const setExit = (v: VillageExit) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v === 'all') p.delete('exit');
        else p.set('exit', v);
        return p;
      },
      { replace: true },
    );

  const rows = list.data ?? [];
  return (
    <Card
      title={t('reg.v.title')}
      data-testid="villages-page"
      extra={<Typography.Text type="secondary">{t('reg.v.threshold', { pct: INCIDENCE_THRESHOLD })}</Typography.Text>}
    >
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('reg.v.exitFilter')}</Typography.Text>
        <Segmented<VillageExit>
          value={exit}
          onChange={setExit}
          options={EXITS.map((e) => ({ value: e, label: <span data-testid={`villages-exit-${e}`}>{t(`reg.v.exit.${e}`)}</span> }))}
          data-testid="villages-exit"
        />
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<PoorVillage>
          rowKey="villageCode"
          size="middle"
          loading={list.loading}
          dataSource={rows}
          pagination={
            rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) } : false
          }
          scroll={{ x: 1060 }}
          data-testid="villages-table"
          rowClassName={() => 'fp-clickable-row'}
          onRow={(v) => ({ onClick: () => navigate(link(`/registry/villages/${encodeURIComponent(v.villageCode)}`)) })}
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('reg.v.empty')} /> }}
          columns={[
            {
              title: t('reg.v.village'),
              dataIndex: 'villageName',
              fixed: 'left',
              width: 190,
              render: (v: string, r) => (
                <span>
                  <Typography.Link data-testid="village-link">{v}</Typography.Link>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.villageCode}
                  </Typography.Text>
                </span>
              ),
            },
            { title: t('reg.v.township'), dataIndex: 'townshipName', width: 110 },
            { title: t('reg.v.county'), dataIndex: 'countyName', width: 100 },
            { title: t('reg.v.yearListed'), dataIndex: 'yearListed', width: 90, align: 'right' },
            {
              title: t('reg.v.plannedExit'),
              dataIndex: 'plannedExitYear',
              width: 100,
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('reg.v.exitYear'),
              dataIndex: 'exitYear',
              width: 100,
              align: 'right',
              render: (v: number | null) => (v ? <Tag color="green">{v}</Tag> : <Tag>{t('reg.v.notExited')}</Tag>),
            },
            {
              title: t('reg.v.rural'),
              dataIndex: 'ruralPopulation',
              width: 100,
              align: 'right',
              render: (v: number) => formatNumber(v, lang),
            },
            {
              title: t('reg.v.households'),
              dataIndex: 'households',
              width: 90,
              align: 'right',
              render: (v: number) => formatNumber(v, lang),
            },
            {
              title: t('reg.v.poorPersons'),
              dataIndex: 'poorPersons',
              width: 100,
              align: 'right',
              render: (v: number) => formatNumber(v, lang),
            },
            {
              title: t('reg.v.incidence'),
              dataIndex: 'incidence',
              width: 100,
              align: 'right',
              sorter: (a, b) => (a.incidence ?? -1) - (b.incidence ?? -1),
              render: (v: number | null) => <Incidence value={v} />,
            },
          ]}
        />
      )}
    </Card>
  );
}

import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { areaExitApi, type VillageExitItem } from '../../../api/exit';
import { useMe } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { RegionNotFound } from '../../../components/RegionNotFound';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion, useRegionLink } from '../../../lib/useRegion';
import { ProposeVillageModal } from './ProposeVillageModal';
import { AREA_STATUSES, AreaFilters, type AreaStatus, AreaStatusTag, Incidence, passes, statusOf, useAreaFilters } from './shared';

/**
 * 贫困村退出: the poor villages of the region with their incidence now against the threshold and where each stands
 * (under the threshold, in the procedure at which step, exited in which year, not yet); the township proposes from here.
 */
export default function ExitVillages() {
  const { t, lang } = useI18n();
  const me = useMe();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const { state, q } = useAreaFilters();
  const list = useAsync(() => areaExitApi.villages(region), [region, lang]);
  const [proposing, setProposing] = useState<VillageExitItem | null>(null);
  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }
  const data = list.data;
  const all = data?.items ?? [];
  const needle = q.toLowerCase();
  const found = all.filter((v) => !needle || v.name.toLowerCase().includes(needle) || v.township.toLowerCase().includes(needle));
  const rows = found.filter((v) => passes(state, v, v.exitYear));
  const counts = Object.fromEntries([
    ['all', found.length],
    ...AREA_STATUSES.map((s) => [s, found.filter((v) => passes(s, v, v.exitYear)).length]),
  ]) as Record<AreaStatus | 'all', number>;
  // The township (or above) proposes a village under the threshold with no exit under way (the server has the last word).
  const mayPropose = me.permissions.includes('data.write') && me.scope.code.length <= 9;
  const proposable = (v: VillageExitItem) => mayPropose && statusOf(v, v.exitYear) === 'meets';
  const exitLink = (v: VillageExitItem) => (v.exitId ? link(`/exit/villages/${v.exitId}`) : null);
  const name = (v: VillageExitItem) => {
    const to = exitLink(v);
    return to ? (
      <Link to={to} data-testid="exa-village-link" data-code={v.code}>
        {v.name}
      </Link>
    ) : (
      <span>{v.name}</span>
    );
  };
  const proposeButton = (v: VillageExitItem) =>
    proposable(v) ? (
      <Button size="small" type="primary" ghost onClick={() => setProposing(v)} data-testid="exa-propose" data-code={v.code}>
        {t('exa.v.propose')}
      </Button>
    ) : null;

  return (
    <Card
      data-testid="exa-villages-page"
      title={
        <Space size={8} wrap>
          <span>{t('exa.v.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('exa.v.caption', { threshold: data?.threshold ?? '—' })}
      </Typography.Paragraph>
      <AreaFilters counts={counts} searchLabel={t('exa.v.search')} prefix="exa-villages" />
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<VillageExitItem>
          rowKey="code"
          size="middle"
          loading={list.loading}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          data-testid="exa-villages"
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('exa.v.empty')} /> }}
          card={(v) => (
            <div data-testid="exa-village-card" data-code={v.code}>
              <div className="fp-pcard-top">
                <span className="fp-pcard-name">{name(v)}</span>
                <AreaStatusTag r={v} exitedIn={v.exitYear} />
              </div>
              <Typography.Text type="secondary" className="fp-pcard-line">
                {v.township}
              </Typography.Text>
              <div className="fp-pcard-top">
                <Incidence value={v.incidence} threshold={data?.threshold ?? 0} poor={v.poorPersons} population={v.ruralPopulation} />
                {proposeButton(v)}
              </div>
            </div>
          )}
          columns={[
            { title: t('exa.c.township'), dataIndex: 'township', width: 160 },
            { title: t('exa.c.village'), key: 'name', render: (_, v) => name(v) },
            {
              title: t('exa.c.incidence'),
              key: 'incidence',
              width: 170,
              sorter: (a, b) => a.incidence - b.incidence,
              render: (_, v) => (
                <Incidence value={v.incidence} threshold={data?.threshold ?? 0} poor={v.poorPersons} population={v.ruralPopulation} />
              ),
            },
            { title: t('exa.c.status'), key: 'status', width: 200, render: (_, v) => <AreaStatusTag r={v} exitedIn={v.exitYear} /> },
            ...(mayPropose ? [{ title: '', key: 'act', width: 120, render: (_: unknown, v: VillageExitItem) => proposeButton(v) }] : []),
          ]}
        />
      )}
      {proposing && data && (
        <ProposeVillageModal village={proposing} checks={data.checks} onClose={() => setProposing(null)} onDone={list.reload} />
      )}
    </Card>
  );
}

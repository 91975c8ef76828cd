import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { DECISION_STATES, type DecisionItem, partyDecisions } from '../../../api/partyDecisions';
import { useMe } from '../../../auth/AuthContext';
import { LoadMore } from '../../../components/LoadMore';
import { RegionCascader } from '../../../components/RegionCascader';
import { RegionNotFound } from '../../../components/RegionNotFound';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { ErrorState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { useKeysetList } from '../../../lib/useKeysetList';
import { useCurrentRegion, useRegionLink } from '../../../lib/useRegion';
import { CreateDecision } from './CreateDecision';
import { stateColor } from './state';

const PAGE = 50;
const YEARS = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i);

/** 四议一审两公开: the decisions of the region (?region=), newest first, by step reached (?state=), village and year. */
export default function Decisions() {
  const { t, lang } = useI18n();
  const me = useMe();
  const link = useRegionLink();
  const navigate = useNavigate();
  const { code: region } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const state = DECISION_STATES.find((s) => s === raw);
  const [village, setVillage] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const canWrite = me.permissions.includes('data.write');
  const list = useKeysetList<DecisionItem>(
    (cursor, signal) => partyDecisions.list({ region, state, village, year, cursor, limit: PAGE }, signal),
    [region, state, village, year, lang],
  );
  const setState = (s: string | undefined) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (s) p.set('state', s);
      else p.delete('state');
      return p;
    });

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  const columns: ColumnsType<DecisionItem> = [
    {
      key: 'title',
      title: t('pd.c.title'),
      render: (_, d) => (
        <Link to={link(`/party/decisions/${d.id}`)} data-testid="decision-link">
          {d.title}
        </Link>
      ),
    },
    { key: 'village', title: t('pd.c.village'), render: (_, d) => d.village.name },
    { key: 'category', title: t('pd.c.category'), dataIndex: 'categoryLabel', responsive: ['md'] },
    {
      key: 'amount',
      title: t('pd.c.amount'),
      align: 'right',
      responsive: ['lg'],
      render: (_, d) => (d.amount === null ? '—' : d.amount.toLocaleString(lang)),
    },
    { key: 'proposedOn', title: t('pd.c.proposedOn'), dataIndex: 'proposedOn' },
    {
      key: 'state',
      title: t('pd.c.state'),
      render: (_, d) => (
        <Space size={4} wrap>
          <Tag color={stateColor(d.state)} data-state={d.state}>
            {d.stateLabel}
          </Tag>
          {d.overdue && <Tag color="red">{t('pd.overdue')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      data-testid="decisions-page"
      title={<span data-testid="decisions-title">{t('pd.title')}</span>}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="decision-new">
            {t('pd.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('pd.caption')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={state ?? 'all'}
          onChange={(v) => setState(v === 'all' ? undefined : v)}
          style={{ minWidth: 180 }}
          popupMatchSelectWidth={false}
          data-testid="filter-decision-state"
          options={[
            { value: 'all', label: t('pd.filter.allStates') },
            ...DECISION_STATES.map((s) => ({ value: s, label: t(`pd.state.${s}` as MessageKey) })),
          ]}
        />
        <RegionCascader
          value={village}
          onChange={(v) => setVillage(v ?? undefined)}
          villageOnly
          allowClear
          placeholder={t('pd.filter.village')}
          style={{ minWidth: 220 }}
          data-testid="filter-decision-village"
        />
        <Select
          allowClear
          value={year}
          onChange={setYear}
          placeholder={t('pd.filter.year')}
          style={{ minWidth: 110 }}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          data-testid="filter-decision-year"
        />
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<DecisionItem>
            rowKey="id"
            columns={columns}
            dataSource={list.rows}
            loading={list.loading}
            pagination={false}
            locale={{ emptyText: t('pd.empty') }}
            data-testid="decisions-table"
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="decisions-load-more"
              countTestId="decisions-count"
            />
          </div>
        </>
      )}
      <CreateDecision
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void navigate(link(`/party/decisions/${id}`));
        }}
      />
    </Card>
  );
}

import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { cadres, POSTING_STATES, type PostingItem, ROLES } from '../../api/cadres';
import { isApiError } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthContext';
import { usePostingFilters } from '../../components/cadres/cadreFilters';
import { PostingCard } from '../../components/cadres/PostingCard';
import { ProposeDrawer } from '../../components/cadres/ProposeDrawer';
import { RegionPath } from '../../components/cadres/RegionPath';
import { StateTag } from '../../components/cadres/tags';
import { LoadMore } from '../../components/LoadMore';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';
import '../../components/cadres/cadres.css';

const PAGE = 50;

/**
 * 驻村干部: the postings of the region (?region=), filtered by state, role and a name or its pinyin (all in the URL),
 * a page at a time. County users and above propose a posting from here.
 */
export default function Postings() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [filters, setFilters] = usePostingFilters();
  const [qInput, setQInput] = useState(filters.q ?? '');
  const [proposing, setProposing] = useState(false);
  // The server takes proposals from county level up (403 PROCEDURE_LEVEL below): the button is not offered there.
  const canPropose = can('data.write') && me.scope.code.length <= 6;

  useEffect(() => setQInput(filters.q ?? ''), [filters.q]);

  const list = useKeysetList<PostingItem>(
    (cursor, signal) => cadres.postings({ region, ...filters, cursor, limit: PAGE }, signal),
    [region, filters, lang],
  );
  const detail = (p: PostingItem) => link(`/cadres/postings/${p.id}`);
  const filtered = Boolean(filters.state || filters.role || filters.q);
  const search = () => setFilters({ ...filters, q: qInput.trim() || undefined });

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  return (
    <Card
      data-testid="postings-page"
      title={
        <Space size={8} wrap>
          <span data-testid="postings-title">{t('cad.p.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        canPropose && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="posting-propose">
            {t('cad.p.propose')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('cad.p.caption')}
      </Typography.Paragraph>
      <div className="fp-cad-filters">
        <Select
          allowClear
          placeholder={t('cad.f.state')}
          value={filters.state}
          onChange={(v) => setFilters({ ...filters, state: v })}
          options={POSTING_STATES.map((s) => ({ value: s, label: t(`cad.state.${s}` as MessageKey) }))}
          popupMatchSelectWidth={false}
          data-testid="filter-state"
        />
        <Select
          allowClear
          placeholder={t('cad.f.role')}
          value={filters.role}
          onChange={(v) => setFilters({ ...filters, role: v })}
          options={ROLES.map((r) => ({ value: r, label: t(`cad.role.${r}` as MessageKey) }))}
          popupMatchSelectWidth={false}
          data-testid="filter-role"
        />
        <Space.Compact className="fp-cad-search">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('cad.f.q')}
            title={t('cad.f.qHint')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value && filters.q) setFilters({ ...filters, q: undefined });
            }}
            onPressEnter={search}
            data-testid="postings-q"
          />
          <Button type="primary" onClick={search} data-testid="postings-search">
            {t('common.search')}
          </Button>
        </Space.Compact>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setQInput('');
            setFilters({});
            list.reload();
          }}
        >
          {t('common.reset')}
        </Button>
      </div>

      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<PostingItem>
            card={(p) => <PostingCard p={p} to={detail(p)} />}
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.rows}
            pagination={false}
            scroll={{ x: 1080 }}
            data-testid="postings-table"
            rowClassName={() => 'fp-clickable-row'}
            onRow={(p) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                void navigate(detail(p));
              },
            })}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t(filtered ? 'cad.p.emptyFiltered' : 'cad.p.empty')} /> }}
            columns={[
              {
                title: t('cad.c.name'),
                dataIndex: 'name',
                width: 110,
                fixed: 'left',
                render: (v: string, p) => (
                  <Link to={detail(p)} data-testid="posting-link">
                    {v}
                  </Link>
                ),
              },
              {
                title: t('cad.c.id'),
                dataIndex: 'idMasked',
                width: 170,
                render: (v: string) => <span className="fp-mono">{v}</span>,
              },
              { title: t('cad.c.role'), dataIndex: 'roleLabel', width: 110 },
              {
                title: t('cad.c.village'),
                key: 'village',
                width: 140,
                render: (_, p) => (
                  <span>
                    {p.village.name}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.village.township ?? ''}
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('cad.c.unit'),
                key: 'unit',
                width: 180,
                render: (_, p) => (
                  <span>
                    {p.unit.name}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.post}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('cad.c.start'), dataIndex: 'startDate', width: 110 },
              {
                title: t('cad.c.plannedEnd'),
                key: 'end',
                width: 110,
                render: (_, p) =>
                  p.endDate && p.endDate !== p.plannedEndDate ? (
                    <Tooltip title={t('cad.d.end')}>
                      <span>
                        <Typography.Text delete type="secondary">
                          {p.plannedEndDate}
                        </Typography.Text>
                        <br />
                        {p.endDate}
                      </span>
                    </Tooltip>
                  ) : (
                    p.plannedEndDate
                  ),
              },
              {
                title: t('cad.c.state'),
                dataIndex: 'state',
                width: 150,
                render: (_, p) => <StateTag kind="posting" state={p.state} label={p.stateLabel} overdue={p.overdue} dueDate={p.dueDate} />,
              },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="postings-load-more"
              countTestId="postings-count"
            />
          </div>
        </>
      )}
      {canPropose && (
        <ProposeDrawer
          open={proposing}
          village={region}
          onClose={() => setProposing(false)}
          onCreated={(id) => {
            setProposing(false);
            void navigate(link(`/cadres/postings/${id}`));
          }}
        />
      )}
    </Card>
  );
}

import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type HelperItem, helpers } from '../../api/helpers';
import { useAuth, useMe } from '../../auth/AuthContext';
import { RegionPath } from '../../components/cadres/RegionPath';
import { HelperDrawer } from '../../components/helpers/HelperDrawer';
import { LoadMore } from '../../components/LoadMore';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { useI18n } from '../../i18n';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';

const PAGE = 50;

/** 帮扶责任人: the helpers of the region's county (or counties), by name, with how many households each helps now. */
export default function Helpers() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const [adding, setAdding] = useState(false);
  // Helpers are county records: they are added by the county (or above, inside a county's page).
  const county = region.length >= 6 ? region.slice(0, 6) : undefined;
  const canAdd = can('data.write') && me.scope.code.length <= 6 && county !== undefined;

  const list = useKeysetList<HelperItem>(
    (cursor, signal) => helpers.list({ region, q: q || undefined, cursor, limit: PAGE }, signal),
    [region, q, lang],
  );
  const detail = (h: HelperItem) => link(`/registry/helpers/${h.id}`);

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  return (
    <Card
      data-testid="helpers-page"
      title={
        <Space size={8} wrap>
          <span>{t('hlp.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        canAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="helper-add">
            {t('hlp.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('hlp.caption')}
      </Typography.Paragraph>
      <Space.Compact style={{ marginBottom: 16, width: '100%', maxWidth: 360 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('hlp.q')}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onPressEnter={() => setQ(qInput.trim())}
          data-testid="helpers-q"
        />
        <Button type="primary" onClick={() => setQ(qInput.trim())} data-testid="helpers-search">
          {t('common.search')}
        </Button>
      </Space.Compact>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<HelperItem>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.rows}
            pagination={false}
            data-testid="helpers-table"
            rowClassName={() => 'fp-clickable-row'}
            onRow={(h) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                void navigate(detail(h));
              },
            })}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t(q ? 'hlp.emptyFiltered' : 'hlp.empty')} /> }}
            columns={[
              {
                title: t('hlp.name'),
                dataIndex: 'name',
                render: (v: string, h) => (
                  <Space size={6} wrap>
                    <Link to={detail(h)} data-testid="helper-link">
                      {v}
                    </Link>
                    {h.cadrePostingId !== null && <Tag color="purple">{t('hlp.cadre')}</Tag>}
                  </Space>
                ),
              },
              { title: t('hlp.unit'), dataIndex: 'workUnit', render: (v: string | null) => v ?? '—' },
              { title: t('hlp.phone'), dataIndex: 'phoneMasked', width: 140, render: (v: string | null) => v ?? '—' },
              { title: t('hlp.households'), dataIndex: 'households', width: 100, align: 'right' },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="helpers-load-more"
            />
          </div>
        </>
      )}
      <HelperDrawer
        open={adding}
        county={county}
        onClose={() => setAdding(false)}
        onSaved={(id) => {
          setAdding(false);
          void navigate(link(`/registry/helpers/${id}`));
        }}
      />
    </Card>
  );
}

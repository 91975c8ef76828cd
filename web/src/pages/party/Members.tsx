import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type MemberItem, party } from '../../api/party';
import { useMe } from '../../auth/AuthContext';
import { RegionPath } from '../../components/cadres/RegionPath';
import { LoadMore } from '../../components/LoadMore';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';

const PAGE = 50;

/** 党员: the members of the region, by organisation; wealth leaders only, or those who left, on demand. */
export default function Members() {
  const { t, lang } = useI18n();
  const me = useMe();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [params] = useSearchParams();
  const [wealth, setWealth] = useState(params.get('wealth') === 'true');
  const [left, setLeft] = useState(false);
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const list = useKeysetList<MemberItem>(
    (cursor, signal) =>
      party.members(
        { region, wealth: wealth ? 'true' : undefined, left: left ? 'true' : undefined, q: q || undefined, cursor, limit: PAGE },
        signal,
      ),
    [region, wealth, left, q, lang],
  );
  if (list.error && isApiError(list.error) && list.error.status === 404 && region !== me.scope.code)
    return <RegionNotFound code={region} />;

  return (
    <Card
      data-testid="party-members-page"
      title={
        <Space size={8} wrap>
          <span>{t('pty.members.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('pty.members.caption')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Space.Compact style={{ width: 280 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('pty.members.q')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onPressEnter={() => setQ(qInput.trim())}
            data-testid="party-members-q"
          />
          <Button type="primary" onClick={() => setQ(qInput.trim())}>
            {t('common.search')}
          </Button>
        </Space.Compact>
        <Checkbox checked={wealth} onChange={(e) => setWealth(e.target.checked)} data-testid="party-members-wealth">
          {t('pty.members.wealthOnly')}
        </Checkbox>
        <Checkbox checked={left} onChange={(e) => setLeft(e.target.checked)} data-testid="party-members-left">
          {t('pty.members.showLeft')}
        </Checkbox>
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<MemberItem>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.rows}
            pagination={false}
            data-testid="party-members-table"
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('pty.members.empty')} /> }}
            columns={[
              {
                title: t('pty.m.name'),
                dataIndex: 'name',
                render: (v: string, m) => (
                  <Space size={4} wrap>
                    <Link to={link(`/party/members/${m.id}`)} data-testid="party-member-link">
                      {v}
                    </Link>
                    {m.wealthLeader && <Tag color="gold">{m.wealthIndustry ?? t('pty.m.wealthLeader')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('pty.m.org'),
                dataIndex: 'orgName',
                render: (v: string, m) => <Link to={link(`/party/orgs/${m.orgId}`)}>{v}</Link>,
              },
              { title: t('pty.m.joined'), dataIndex: 'joinedOn', width: 110 },
              {
                title: t('pty.m.standing'),
                dataIndex: 'standing',
                width: 100,
                render: (s: string) => t(`pty.m.standing.${s}` as MessageKey),
              },
              { title: t('pty.m.post'), dataIndex: 'post', render: (v: string | null) => v ?? '—' },
              left
                ? { title: t('pty.m.left'), dataIndex: 'leftOn', width: 110 }
                : { title: t('pty.m.pairings'), dataIndex: 'pairings', width: 90, align: 'right' as const },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="party-members-more"
            />
          </div>
        </>
      )}
    </Card>
  );
}

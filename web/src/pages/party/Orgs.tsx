import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type OrgInput, type OrgItem, party } from '../../api/party';
import { useAuth, useMe } from '../../auth/AuthContext';
import { RegionPath } from '../../components/cadres/RegionPath';
import { LoadMore } from '../../components/LoadMore';
import { FormModal } from '../../components/party/FormModal';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';

const PAGE = 50;
type Kind = OrgItem['kind'];
type State = OrgItem['state'];
export const KINDS: Kind[] = ['branch', 'general_branch', 'committee'];

/** 村党组织: the organisations of the region in village order, with members, secretary and state. */
export default function Orgs() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [kind, setKind] = useState<Kind | undefined>();
  const [state, setState] = useState<State | undefined>();
  const [adding, setAdding] = useState(false);

  const list = useKeysetList<OrgItem>(
    (cursor, signal) => party.orgs({ region, kind, state, cursor, limit: PAGE }, signal),
    [region, kind, state, lang],
  );
  const detail = (o: OrgItem) => link(`/party/orgs/${o.id}`);

  if (list.error && isApiError(list.error) && list.error.status === 404 && region !== me.scope.code)
    return <RegionNotFound code={region} />;

  return (
    <Card
      data-testid="party-orgs-page"
      title={
        <Space size={8} wrap>
          <span>{t('pty.orgs.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        can('data.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="party-org-add">
            {t('pty.orgs.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('pty.orgs.caption')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<Kind>
          allowClear
          placeholder={t('pty.kind.all')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: t(`pty.kind.${k}` as MessageKey) }))}
          data-testid="party-orgs-kind"
        />
        <Select<State>
          allowClear
          placeholder={t('pty.state.all')}
          style={{ width: 140 }}
          value={state}
          onChange={setState}
          options={(['normal', 'weak'] as const).map((s) => ({ value: s, label: t(`pty.state.${s}`) }))}
          data-testid="party-orgs-state"
        />
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <ResponsiveTable<OrgItem>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.rows}
            pagination={false}
            data-testid="party-orgs-table"
            rowClassName={() => 'fp-clickable-row'}
            onRow={(o) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                void navigate(detail(o));
              },
            })}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('pty.orgs.empty')} /> }}
            columns={[
              {
                title: t('pty.org.name'),
                dataIndex: 'name',
                render: (v: string, o) => (
                  <Space size={6} wrap>
                    <Link to={detail(o)} data-testid="party-org-link">
                      {v}
                    </Link>
                    {o.state === 'weak' && <Tag color="red">{t('pty.state.weak')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('pty.org.place'),
                dataIndex: 'regionName',
                render: (v: string, o) => (
                  <Link to={`/villages/${o.regionCode}`}>
                    {o.parentName ? `${o.parentName} · ` : ''}
                    {v}
                  </Link>
                ),
              },
              { title: t('pty.kind'), dataIndex: 'kind', width: 90, render: (k: Kind) => t(`pty.kind.${k}` as MessageKey) },
              {
                title: t('pty.org.secretary'),
                dataIndex: 'secretary',
                render: (s: OrgItem['secretary']) =>
                  s ? (
                    <Space size={4}>
                      {s.name}
                      {s.oneShoulder && <Tag color="blue">{t('pty.org.oneShoulder')}</Tag>}
                    </Space>
                  ) : (
                    <Typography.Text type="warning">{t('pty.org.noSecretary')}</Typography.Text>
                  ),
              },
              { title: t('pty.org.members'), dataIndex: 'members', width: 80, align: 'right' },
              { title: t('pty.org.wealthLeaders'), dataIndex: 'wealthLeaders', width: 100, align: 'right' },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="party-orgs-more"
            />
          </div>
        </>
      )}
      <FormModal<OrgInput>
        open={adding}
        title={t('pty.orgs.add')}
        testId="party-org-form"
        initial={{ regionCode: region.length >= 9 ? region : '', kind: 'branch' }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          const r = await party.createOrg({
            regionCode: v.regionCode.trim(),
            name: v.name.trim(),
            kind: v.kind,
            establishedOn: v.establishedOn || undefined,
          });
          void navigate(link(`/party/orgs/${r.id}`));
        }}
        onDone={() => setAdding(false)}
      >
        {() => (
          <>
            <Form.Item name="regionCode" label={t('pty.org.placeCode')} rules={[{ required: true, pattern: /^\d{9}(\d{3})?$/ }]}>
              <Input inputMode="numeric" maxLength={12} data-testid="party-org-region" />
            </Form.Item>
            <Form.Item name="name" label={t('pty.org.name')} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input data-testid="party-org-name" />
            </Form.Item>
            <Form.Item name="kind" label={t('pty.kind')} rules={[{ required: true }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`pty.kind.${k}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="establishedOn" label={t('pty.org.established')}>
              <Input type="date" data-testid="party-org-established" />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Card>
  );
}

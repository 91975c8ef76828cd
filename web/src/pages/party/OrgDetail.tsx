import { ArrowLeftOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type AppointInput, type MemberInput, type MemberItem, party, type SecretaryTerm } from '../../api/party';
import { useAuth } from '../../auth/AuthContext';
import { LoadMore } from '../../components/LoadMore';
import { FormModal } from '../../components/party/FormModal';
import { MemberFields } from '../../components/party/MemberFields';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useKeysetList } from '../../lib/useKeysetList';
import { useRegionLink } from '../../lib/useRegion';

const REASONS = ['term_end', 'adjusted', 'resigned', 'deceased', 'other'] as const;

/** One organisation: who leads it (and who led it), its members; appoint a secretary, add a member. */
export default function OrgDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const link = useRegionLink();
  const org = useAsync(() => party.org(id), [id, lang]);
  const [form, setForm] = useState<'appoint' | 'member' | null>(null);
  const members = useKeysetList<MemberItem>(
    (cursor, signal) => party.members({ org: Number(id), cursor, limit: 100 }, signal),
    [id, lang, org.data?.version],
  );
  const back = (
    <Link to={link('/party/orgs')}>
      <Button icon={<ArrowLeftOutlined />}>{t('pty.orgs.title')}</Button>
    </Link>
  );
  if (org.error) {
    if (isApiError(org.error) && (org.error.status === 404 || org.error.status === 400))
      return <Result status="404" title={t('pty.org.notFound')} extra={back} data-testid="party-org-not-found" />;
    return <ErrorState error={org.error} onRetry={org.reload} />;
  }
  const o = org.data;
  if (!o) return <PageLoading />;
  const writable = can('data.write') && !o.dissolvedOn;
  const reload = () => {
    setForm(null);
    org.reload();
    members.reload();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="party-org-detail">
      <Card
        title={
          <Space wrap size={8}>
            <span data-testid="party-org-title">{o.name}</span>
            <Tag color={o.state === 'weak' ? 'red' : 'green'} data-testid="party-org-state">
              {t(`pty.state.${o.state}`)}
            </Tag>
            {o.dissolvedOn && <Tag>{t('pty.org.dissolved', { date: o.dissolvedOn })}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/villages/${o.regionCode}`} data-testid="party-org-village">
              <Button>{t('pty.org.villagePage')}</Button>
            </Link>
            {writable && (
              <Button type="primary" onClick={() => setForm('appoint')} data-testid="party-appoint">
                {t('pty.sec.appoint')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'place', label: t('pty.org.place'), children: `${o.parentName ? `${o.parentName} · ` : ''}${o.regionName}` },
            { key: 'kind', label: t('pty.kind'), children: t(`pty.kind.${o.kind}` as MessageKey) },
            { key: 'est', label: t('pty.org.established'), children: o.establishedOn ?? '—' },
            {
              key: 'sec',
              label: t('pty.org.secretary'),
              children: o.secretary ? (
                <Space size={4} data-testid="party-org-secretary">
                  {o.secretary.name}
                  {o.secretary.oneShoulder && <Tag color="blue">{t('pty.org.oneShoulder')}</Tag>}
                  <Typography.Text type="secondary">{t('pty.org.since', { date: o.secretary.since })}</Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="warning">{t('pty.org.noSecretary')}</Typography.Text>
              ),
            },
            { key: 'members', label: t('pty.org.members'), children: <span data-testid="party-org-members">{o.members}</span> },
            { key: 'wealth', label: t('pty.org.wealthLeaders'), children: o.wealthLeaders },
          ]}
        />
      </Card>
      <Card title={t('pty.sec.title')} size="small">
        <SecretaryHistory terms={o.secretaries} />
      </Card>
      <Card
        title={t('pty.members.title')}
        size="small"
        extra={
          writable && (
            <Button icon={<UserAddOutlined />} onClick={() => setForm('member')} data-testid="party-member-add">
              {t('pty.members.add')}
            </Button>
          )
        }
      >
        {members.error ? (
          <ErrorState error={members.error} onRetry={members.reload} />
        ) : (
          <>
            <ResponsiveTable<MemberItem>
              rowKey="id"
              size="small"
              loading={members.loading}
              dataSource={members.rows}
              pagination={false}
              data-testid="party-org-member-table"
              locale={{ emptyText: members.loading ? ' ' : <EmptyState description={t('pty.members.empty')} /> }}
              columns={[
                {
                  title: t('pty.m.name'),
                  dataIndex: 'name',
                  render: (v: string, m) => (
                    <Space size={4}>
                      <Link to={link(`/party/members/${m.id}`)} data-testid="party-member-link">
                        {v}
                      </Link>
                      {m.wealthLeader && <Tag color="gold">{t('pty.m.wealthLeader')}</Tag>}
                      {m.standing === 'probationary' && <Tag>{t('pty.m.standing.probationary')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('pty.m.joined'), dataIndex: 'joinedOn', width: 110 },
                { title: t('pty.m.post'), dataIndex: 'post', render: (v: string | null) => v ?? '—' },
                { title: t('pty.m.pairings'), dataIndex: 'pairings', width: 90, align: 'right' },
              ]}
            />
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <LoadMore
                count={members.rows.length}
                hasMore={members.hasMore}
                loading={members.loadingMore}
                onMore={members.more}
                testId="party-org-members-more"
              />
            </div>
          </>
        )}
      </Card>
      <FormModal<AppointInput>
        open={form === 'appoint'}
        title={t('pty.sec.appoint')}
        testId="party-appoint-form"
        initial={{ oneShoulder: false, endReason: 'term_end' }}
        onClose={() => setForm(null)}
        onSubmit={(v) => party.appoint(o.id, { ...v, name: v.name.trim(), idNumber: v.idNumber.trim(), version: o.version })}
        onDone={reload}
      >
        {() => (
          <>
            <Form.Item name="name" label={t('pty.sec.name')} rules={[{ required: true, max: 50 }]}>
              <Input data-testid="party-appoint-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('pty.sec.idNumber')}
              extra={t('pty.sec.idHint')}
              rules={[{ required: true, min: 15, max: 20 }]}
            >
              <Input data-testid="party-appoint-id" />
            </Form.Item>
            <Form.Item name="startDate" label={t('pty.sec.start')} rules={[{ required: true }]}>
              <Input type="date" data-testid="party-appoint-start" />
            </Form.Item>
            <Form.Item name="oneShoulder" valuePropName="checked">
              <Checkbox data-testid="party-appoint-one-shoulder">{t('pty.org.oneShoulder')}</Checkbox>
            </Form.Item>
            {o.secretary && (
              <>
                <Form.Item name="endReason" label={t('pty.sec.endReason')}>
                  <Select options={REASONS.map((r) => ({ value: r, label: t(`pty.reason.${r}`) }))} />
                </Form.Item>
                <Form.Item name="endNote" label={t('pty.sec.endNote')}>
                  <Input.TextArea maxLength={500} rows={2} />
                </Form.Item>
              </>
            )}
          </>
        )}
      </FormModal>
      <FormModal<MemberInput>
        open={form === 'member'}
        title={t('pty.members.add')}
        testId="party-member-form"
        initial={{ standing: 'full', wealthLeader: false }}
        onClose={() => setForm(null)}
        onSubmit={(v) => party.addMember({ ...v, orgId: o.id, name: v.name.trim(), idNumber: v.idNumber.trim() })}
        onDone={reload}
      >
        {(f) => (
          <>
            <Form.Item name="name" label={t('pty.m.name')} rules={[{ required: true, max: 50 }]}>
              <Input data-testid="party-member-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('pty.sec.idNumber')}
              extra={t('pty.sec.idHint')}
              rules={[{ required: true, min: 15, max: 20 }]}
            >
              <Input data-testid="party-member-id" />
            </Form.Item>
            <Form.Item name="joinedOn" label={t('pty.m.joined')} rules={[{ required: true }]}>
              <Input type="date" data-testid="party-member-joined" />
            </Form.Item>
            <MemberFields form={f} />
          </>
        )}
      </FormModal>
    </Space>
  );
}

function SecretaryHistory({ terms }: { terms: SecretaryTerm[] }) {
  const { t } = useI18n();
  return (
    <ResponsiveTable<SecretaryTerm>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={terms}
      data-testid="party-secretary-history"
      locale={{ emptyText: <EmptyState description={t('pty.sec.empty')} /> }}
      columns={[
        {
          title: t('pty.sec.name'),
          dataIndex: 'name',
          render: (v: string, s) => (
            <Space size={4}>
              {v}
              {!s.endDate && <Tag color="green">{t('pty.sec.current')}</Tag>}
              {s.oneShoulder && <Tag color="blue">{t('pty.org.oneShoulder')}</Tag>}
            </Space>
          ),
        },
        { title: t('pty.sec.idNumber'), dataIndex: 'idMasked' },
        { title: t('pty.sec.start'), dataIndex: 'startDate', width: 110 },
        { title: t('pty.sec.end'), dataIndex: 'endDate', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: t('pty.sec.endReason'),
          dataIndex: 'endReason',
          render: (v: SecretaryTerm['endReason'], s) => (v ? `${t(`pty.reason.${v}`)}${s.endNote ? ` · ${s.endNote}` : ''}` : '—'),
        },
      ]}
    />
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Result, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type LeaveInput, type MemberEdit, type MoveInput, type PairInput, type PartyPairing, party } from '../../api/party';
import { registry } from '../../api/registry';
import { useAuth } from '../../auth/AuthContext';
import { FormModal } from '../../components/party/FormModal';
import { MemberFields } from '../../components/party/MemberFields';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';

const LEAVE_REASONS = ['deceased', 'expelled', 'withdrawn', 'other'] as const;
type Form_ = 'edit' | 'leave' | 'move' | 'pair' | null;

/** One member: standing, 设岗定责, wealth leader, the households they help; edit, leave, move, pair. */
export default function MemberDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const link = useRegionLink();
  const member = useAsync(() => party.member(id), [id, lang]);
  const [form, setForm] = useState<Form_>(null);
  const m = member.data;
  const orgs = useAsync(
    async () => (m && form === 'move' ? (await party.orgs({ region: m.countyCode, limit: 200 })).items : []),
    [m?.id, form],
  );
  const [hq, setHq] = useState('');
  const households = useAsync(
    async () => (m && form === 'pair' ? (await registry.households({ region: m.regionCode, q: hq || undefined, limit: 50 })).items : []),
    [m?.id, form, hq],
  );
  const back = (
    <Link to={link('/party/members')}>
      <Button icon={<ArrowLeftOutlined />}>{t('pty.members.title')}</Button>
    </Link>
  );
  if (member.error) {
    if (isApiError(member.error) && (member.error.status === 404 || member.error.status === 400))
      return <Result status="404" title={t('pty.m.notFound')} extra={back} />;
    return <ErrorState error={member.error} onRetry={member.reload} />;
  }
  if (!m) return <PageLoading />;
  const writable = can('data.write') && !m.leftOn;
  const done = () => {
    setForm(null);
    member.reload();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="party-member-detail">
      <Card
        title={
          <Space wrap size={8}>
            <span data-testid="party-member-title">{m.name}</span>
            {m.wealthLeader && <Tag color="gold">{t('pty.m.wealthLeader')}</Tag>}
            {m.leftOn && <Tag>{t('pty.m.leftOn', { date: m.leftOn, reason: t(`pty.left.${m.leftReason ?? 'other'}` as MessageKey) })}</Tag>}
          </Space>
        }
        extra={
          writable && (
            <Space wrap>
              <Button onClick={() => setForm('edit')} data-testid="party-member-edit">
                {t('pty.m.edit')}
              </Button>
              <Button onClick={() => setForm('pair')} data-testid="party-member-pair">
                {t('pty.m.pair')}
              </Button>
              <Button onClick={() => setForm('move')}>{t('pty.m.move')}</Button>
              <Button danger onClick={() => setForm('leave')}>
                {t('pty.m.leave')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'org', label: t('pty.m.org'), children: <Link to={link(`/party/orgs/${m.orgId}`)}>{m.orgName}</Link> },
            { key: 'id', label: t('pty.m.idMasked'), children: m.idMasked },
            { key: 'born', label: t('pty.m.birthYear'), children: m.birthYear },
            { key: 'joined', label: t('pty.m.joined'), children: m.joinedOn },
            { key: 'standing', label: t('pty.m.standing'), children: t(`pty.m.standing.${m.standing}`) },
            { key: 'post', label: t('pty.m.post'), children: <span data-testid="party-member-post-view">{m.post ?? '—'}</span> },
            { key: 'duty', label: t('pty.m.duty'), children: m.duty ?? '—' },
            { key: 'industry', label: t('pty.m.industry'), children: m.wealthIndustry ?? '—' },
          ]}
        />
      </Card>
      <Card title={t('pty.m.households')} size="small">
        <ResponsiveTable<PartyPairing>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.households}
          data-testid="party-member-households"
          locale={{ emptyText: <EmptyState description={t('pty.m.noHouseholds')} /> }}
          columns={[
            {
              title: t('pty.m.household'),
              dataIndex: 'householdNo',
              render: (v: string, p) => (
                <Link to={`/registry/households/${p.householdId}`}>
                  {v} {p.headName ?? ''}
                </Link>
              ),
            },
            { title: t('pty.m.pairStart'), dataIndex: 'startDate', width: 110 },
            { title: t('pty.sec.end'), dataIndex: 'endDate', width: 110, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <FormModal<MemberEdit>
        open={form === 'edit'}
        title={t('pty.m.edit')}
        testId="party-member-edit-form"
        initial={{
          standing: m.standing,
          post: m.post ?? '',
          duty: m.duty ?? '',
          wealthLeader: m.wealthLeader,
          wealthIndustry: m.wealthIndustry ?? '',
        }}
        onClose={() => setForm(null)}
        onSubmit={(v) =>
          party.updateMember(m.id, { ...v, wealthIndustry: v.wealthLeader ? v.wealthIndustry : undefined, version: m.version })
        }
        onDone={done}
      >
        {(f) => <MemberFields form={f} />}
      </FormModal>
      <FormModal<LeaveInput>
        open={form === 'leave'}
        title={t('pty.m.leave')}
        testId="party-member-leave-form"
        onClose={() => setForm(null)}
        onSubmit={(v) => party.leave(m.id, { ...v, version: m.version })}
        onDone={done}
      >
        {() => (
          <>
            <Form.Item name="date" label={t('pty.m.leaveDate')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="reason" label={t('pty.m.leftReason')} rules={[{ required: true }]}>
              <Select options={LEAVE_REASONS.map((r) => ({ value: r, label: t(`pty.left.${r}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('pty.sec.endNote')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
      </FormModal>
      <FormModal<MoveInput>
        open={form === 'move'}
        title={t('pty.m.move')}
        testId="party-member-move-form"
        onClose={() => setForm(null)}
        onSubmit={(v) => party.move(m.id, { ...v, version: m.version })}
        onDone={done}
      >
        {() => (
          <>
            <Form.Item name="toOrgId" label={t('pty.m.moveTo')} rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={orgs.loading}
                options={(orgs.data ?? [])
                  .filter((o) => o.id !== m.orgId)
                  .map((o) => ({ value: o.id, label: `${o.regionName} · ${o.name}` }))}
              />
            </Form.Item>
            <Form.Item name="date" label={t('pty.m.moveDate')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </FormModal>
      <FormModal<PairInput>
        open={form === 'pair'}
        title={t('pty.m.pair')}
        testId="party-member-pair-form"
        onClose={() => setForm(null)}
        onSubmit={(v) => party.pair(m.id, v)}
        onDone={done}
      >
        {() => (
          <>
            <Form.Item name="householdId" label={t('pty.m.household')} rules={[{ required: true }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setHq }}
                placeholder={t('pty.m.householdPick')}
                loading={households.loading}
                options={(households.data ?? []).map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName ?? ''}` }))}
                data-testid="party-pair-household"
              />
            </Form.Item>
            <Form.Item name="startDate" label={t('pty.m.pairStart')} rules={[{ required: true }]}>
              <Input type="date" data-testid="party-pair-start" />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Space>
  );
}

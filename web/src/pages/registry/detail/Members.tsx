import { EyeOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type HouseholdDetail as Detail, type Member, registry } from '../../../api/registry';
import { useAuth } from '../../../auth/AuthContext';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

export function YesNo({ value }: { value: boolean | null }) {
  const { t } = useI18n();
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return value ? <Tag color="green">{t('common.yes')}</Tag> : <Tag color="red">{t('common.no')}</Tag>;
}

/** A masked ID number with a "reveal" action (permission pii.unmask; audited, so it asks first). */
function IdCell({ member }: { member: Member }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const message = useToast();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (full) {
    return (
      <Typography.Text copyable code data-testid="member-id-full">
        {full}
      </Typography.Text>
    );
  }
  const reveal = async () => {
    setBusy(true);
    try {
      setFull((await registry.unmask(member.personId)).idNumber);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <Typography.Text style={{ fontFamily: 'monospace' }} data-testid="member-id-masked">
        {member.idMasked ?? '—'}
      </Typography.Text>
      {can('pii.unmask') && member.idMasked && (
        <Popconfirm
          title={t('reg.d.revealTitle')}
          description={t('reg.d.revealConfirm', { name: member.name })}
          okText={t('reg.d.reveal')}
          cancelText={t('common.cancel')}
          onConfirm={reveal}
          okButtonProps={{ 'data-testid': 'reveal-ok' }}
        >
          <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} data-testid="member-reveal">
            {t('reg.d.reveal')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export function Members({ h }: { h: Detail }) {
  const { t } = useI18n();
  return (
    <ResponsiveTable<Member>
      rowKey="personId"
      size="small"
      dataSource={h.members}
      pagination={false}
      scroll={{ x: 1440 }}
      data-testid="members-table"
      locale={{ emptyText: <EmptyState description={t('reg.d.noMembers')} /> }}
      columns={[
        {
          title: t('reg.m.name'),
          dataIndex: 'name',
          width: 100,
          fixed: 'left',
          render: (v: string) => (
            <Typography.Text strong data-testid="member-name">
              {v}
            </Typography.Text>
          ),
        },
        {
          title: t('reg.m.relation'),
          dataIndex: 'relationLabel',
          width: 110,
          render: (v: string | null, m) => (m.relation === 'head' ? <Tag color="red">{v ?? m.relation}</Tag> : (v ?? m.relation)),
        },
        { title: t('reg.m.idNumber'), key: 'id', width: 280, render: (_, m) => <IdCell member={m} /> },
        { title: t('reg.m.gender'), dataIndex: 'genderLabel', width: 80 },
        {
          // The full date only for users who may unmask ID numbers (with the county it narrows the ID number too far).
          title: h.members.some((m) => m.birthDate) ? t('reg.m.birthDate') : t('reg.m.birthYear'),
          key: 'birth',
          width: 110,
          render: (_, m) => <span data-testid="member-birth">{m.birthDate ?? m.birthYear}</span>,
        },
        { title: t('reg.m.ethnicity'), dataIndex: 'ethnicity', width: 80 },
        { title: t('reg.m.education'), dataIndex: 'education', width: 110 },
        { title: t('reg.m.schooling'), dataIndex: 'schooling', width: 100 },
        { title: t('reg.m.health'), dataIndex: 'health', width: 100 },
        { title: t('reg.m.labour'), dataIndex: 'labour', width: 140 },
        { title: t('reg.m.work'), dataIndex: 'work', width: 120 },
        {
          title: t('reg.m.insurance'),
          dataIndex: 'medicalInsurance',
          width: 90,
          align: 'center',
          render: (v: boolean | null) => <YesNo value={v} />,
        },
        { title: t('reg.m.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

import { Alert, Button, Card, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type LedgerDetail, partyLedger } from '../../../api/partyLedger';
import { useMe } from '../../../auth/AuthContext';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

interface Values {
  plan: string;
  countyLeader: string;
  townshipMember: string;
  deadline?: Dayjs;
}

const OPEN = ['identified', 'planned', 'rectifying'];

/** 一村一策: the measures, who answers for them and by when; editable until the case is closed. */
export function PlanCard({ d, onSaved }: { d: LedgerDetail; onSaved: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = OPEN.includes(d.state) && me.permissions.includes('data.write') && me.scope.code.length <= 9;

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await partyLedger.savePlan(d.id, {
        plan: v.plan,
        countyLeader: v.countyLeader,
        townshipMember: v.townshipMember,
        deadline: v.deadline?.format('YYYY-MM-DD'),
        version: d.case.version,
      });
      message.success(t('pl.plan.saved'));
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('pl.plan.title')} data-testid="ledger-plan">
      {!OPEN.includes(d.state) && <Alert type="info" showIcon title={t('pl.plan.locked')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        key={`${d.id}-${d.case.version}`}
        initialValues={{
          plan: d.plan ?? '',
          countyLeader: d.countyLeader ?? '',
          townshipMember: d.townshipMember ?? '',
          deadline: d.deadline ? dayjs(d.deadline) : undefined,
        }}
      >
        <Form.Item name="plan" label={t('pl.plan.plan')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="plan-plan" />
        </Form.Item>
        <div className="fp-cad-filters">
          <Form.Item name="countyLeader" label={t('pl.plan.countyLeader')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} data-testid="plan-county-leader" />
          </Form.Item>
          <Form.Item name="townshipMember" label={t('pl.plan.townshipMember')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} data-testid="plan-township-member" />
          </Form.Item>
          <Form.Item name="deadline" label={t('pl.plan.deadline')} rules={[{ required: true }]}>
            <DatePicker data-testid="plan-deadline" />
          </Form.Item>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-error" />}
        {editable && (
          <Button type="primary" onClick={save} loading={saving} data-testid="plan-save">
            {t('pl.plan.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

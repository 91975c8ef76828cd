import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Space, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type DecisionDetail, type NextStep, partyDecisions, type StepInput } from '../../../api/partyDecisions';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

type Values = Omit<StepInput, 'action' | 'version' | 'heldOn'> & { heldOn: Dayjs };
const COUNTS = ['present', 'total', 'votesFor', 'votesAgainst', 'votesAbstain'] as const;

function OneStep({ d, step, onDone }: { d: DecisionDetail; step: NextStep; onDone: () => void }) {
  const { t } = useI18n();
  const message = useToast();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const has = (f: string) => step.fields.includes(f);
  const approve = Form.useWatch('approve', form);
  const last = d.steps.at(-1)?.heldOn ?? d.proposedOn;

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const r = await partyDecisions.step(d.id, { ...v, action: step.action, version: d.version, heldOn: v.heldOn.format('YYYY-MM-DD') });
      message.success(t('pd.f.done', { state: t(`pd.state.${r.state}` as never) }));
      form.resetFields();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ heldOn: dayjs(), votesAgainst: 0, votesAbstain: 0 }}
      data-testid={`step-form-${step.action}`}
    >
      {step.rule && <Typography.Paragraph type="secondary">{t('pd.f.rule', { rule: step.rule })}</Typography.Paragraph>}
      {step.members !== null && (
        <Typography.Paragraph data-testid="step-members">{t('pd.f.members', { n: step.members })}</Typography.Paragraph>
      )}
      <Form.Item name="heldOn" label={t('pd.f.heldOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isAfter(dayjs(), 'day') || x.isBefore(dayjs(last), 'day')} />
      </Form.Item>
      <Space wrap>
        {COUNTS.filter(has).map((f) => (
          <Form.Item key={f} name={f} label={t(`pd.f.${f}`)} rules={[{ required: f === 'present' || f === 'total' || f === 'votesFor' }]}>
            <InputNumber min={0} style={{ width: 110 }} data-testid={`step-${f}`} />
          </Form.Item>
        ))}
      </Space>
      {has('approve') && (
        <Form.Item name="approve" label={t('pd.f.approve')} rules={[{ required: true }]}>
          <Radio.Group data-testid="step-approve">
            <Radio value={true}>{t('pd.f.approveYes')}</Radio>
            <Radio value={false}>{t('pd.f.approveNo')}</Radio>
          </Radio.Group>
        </Form.Item>
      )}
      {has('townshipAttendee') && (
        <Form.Item name="townshipAttendee" label={t('pd.f.townshipAttendee')} rules={[{ required: has('approve') }]}>
          <Input maxLength={50} data-testid="step-townshipAttendee" />
        </Form.Item>
      )}
      {has('reason') && approve === false && (
        <Form.Item name="reason" label={t('pd.f.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="step-reason" />
        </Form.Item>
      )}
      {has('place') && (
        <Form.Item name="place" label={t('pd.f.place')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="step-place" />
        </Form.Item>
      )}
      {has('summary') && (
        <Form.Item name="summary" label={t('pd.f.summary')} rules={[{ required: step.action === 'disclose_result' }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="step-summary" />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="step-error" />}
      <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="step-submit">
        {t('pd.f.submit')}
      </Button>
    </Form>
  );
}

/** The next step's form: its fields depend on the step (a meeting's attendance and votes, the township's verdict, a disclosure). */
export function StepForm({ d, onDone }: { d: DecisionDetail; onDone: () => void }) {
  const { t } = useI18n();
  if (!d.next.length) return <Typography.Text type="secondary">{t('pd.d.closed')}</Typography.Text>;
  const allowed = d.next.filter((s) => s.allowed);
  if (!allowed.length)
    return (
      <Typography.Text type="secondary" data-testid="step-not-allowed">
        {d.next.map((s) => s.label).join(' / ')}：{t('pd.d.noRight')}
      </Typography.Text>
    );
  if (allowed.length === 1 && allowed[0]) return <OneStep d={d} step={allowed[0]} onDone={onDone} />;
  return (
    <Tabs
      items={allowed.map((s) => ({ key: s.action, label: s.label, children: <OneStep d={d} step={s} onDone={onDone} /> }))}
      data-testid="step-tabs"
    />
  );
}

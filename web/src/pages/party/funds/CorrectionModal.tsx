import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type Payment, partyFunds, toFen } from '../../../api/party-funds';
import { type MessageKey, useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

interface Values {
  mode: 'replace' | 'withdraw';
  correctedOn: Dayjs;
  reason: string;
  paidOn: Dayjs;
  amount: string;
  purpose: Payment['purpose'];
  source?: string;
  note?: string;
}

/** 更正拨付: a dated reversal that keeps the original, and the corrected payment unless it is withdrawn. */
export function CorrectionModal({ payment, onClose, onSaved }: { payment: Payment | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    if (!payment) return;
    form.setFieldsValue({
      mode: 'replace',
      correctedOn: dayjs(),
      reason: '',
      paidOn: dayjs(payment.paidOn),
      amount: (payment.amountFen / 100).toFixed(2),
      purpose: payment.purpose,
      source: payment.source,
      note: payment.note ?? '',
    });
  }, [payment, form]);

  const save = async () => {
    if (!payment) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await partyFunds.correctPayment(payment.id, {
        version: payment.version,
        correctedOn: v.correctedOn.format('YYYY-MM-DD'),
        reason: v.reason,
        replacement:
          v.mode === 'replace'
            ? {
                paidOn: v.paidOn.format('YYYY-MM-DD'),
                amountFen: toFen(v.amount) as number,
                purpose: v.purpose,
                source: v.source || undefined,
                note: v.note || undefined,
              }
            : undefined,
      });
      toast.success(t('pg.cor.done'));
      onSaved();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={payment !== null}
      title={`${t('pg.cor.title')} · ${payment?.villageName ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'correction-save' }}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('pg.cor.caption')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" data-testid="correction-form">
        <Form.Item name="mode" label={t('pg.cor.mode')}>
          <Radio.Group
            options={[
              { value: 'replace', label: t('pg.cor.mode.replace') },
              { value: 'withdraw', label: t('pg.cor.mode.withdraw') },
            ]}
          />
        </Form.Item>
        <Form.Item name="correctedOn" label={t('pg.cor.correctedOn')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || (payment ? d.isBefore(dayjs(payment.paidOn), 'day') : false)}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('pg.cor.reason')} rules={[{ required: true, min: 2, whitespace: true }]}>
          <Input maxLength={200} data-testid="correction-reason" />
        </Form.Item>
        {mode !== 'withdraw' && (
          <>
            <Form.Item name="paidOn" label={`${t('pg.cor.replacement')} · ${t('pf.paidOn')}`} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('pf.amount')}
              rules={[{ validator: (_, v) => ((toFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('pf.badAmount')))) }]}
            >
              <Input inputMode="decimal" data-testid="correction-amount" />
            </Form.Item>
            <Form.Item name="purpose" label={t('pf.purpose')}>
              <Select
                options={(['operation', 'party_building', 'other'] as const).map((p) => ({
                  value: p,
                  label: t(`pf.purpose.${p}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="source" label={t('pf.source')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="note" label={t('pf.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

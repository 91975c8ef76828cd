import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { partyFunds, toFen } from '../../../api/party-funds';
import { RegionCascader } from '../../../components/RegionCascader';
import { type MessageKey, useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

interface Values {
  villageCode?: string;
  paidOn: Dayjs;
  amount: string;
  purpose: 'operation' | 'party_building' | 'other';
  source?: string;
  note?: string;
}

/** 录入拨付: one payment to a village; the village is the page's when the page is a village's. */
export function PaymentModal({
  open,
  village,
  onClose,
  onSaved,
}: {
  open: boolean;
  village: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await partyFunds.createPayment({
        villageCode: (village ?? v.villageCode) as string,
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        amountFen: toFen(v.amount) as number,
        purpose: v.purpose,
        source: v.source || undefined,
        note: v.note || undefined,
      });
      toast.success(t('pf.saved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('pf.add')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'payment-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ paidOn: dayjs(), purpose: 'operation' }} data-testid="payment-form">
        {!village && (
          <Form.Item name="villageCode" label={t('pf.village')} rules={[{ required: true, message: t('pf.chooseVillage') }]}>
            <RegionCascader villageOnly />
          </Form.Item>
        )}
        <Form.Item name="paidOn" label={t('pf.paidOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('pf.amount')}
          rules={[{ validator: (_, v) => ((toFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('pf.badAmount')))) }]}
        >
          <Input inputMode="decimal" data-testid="payment-amount" />
        </Form.Item>
        <Form.Item name="purpose" label={t('pf.purpose')}>
          <Select
            data-testid="payment-purpose"
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
      </Form>
    </Modal>
  );
}

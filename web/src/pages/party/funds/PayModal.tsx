import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { partyFunds, toFen } from '../../../api/party-funds';
import { RegionCascader } from '../../../components/RegionCascader';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

interface Values {
  villageCode?: string;
  name: string;
  idNumber: string;
  post: string;
  month: Dayjs;
  amount: string;
  dueOn: Dayjs;
  paidOn?: Dayjs;
}

/** 录入报酬: one month's pay of a village cadre (the person by ID number); the village is the page's when it is a village. */
export function PayModal({
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
      await partyFunds.createPay({
        villageCode: (village ?? v.villageCode) as string,
        name: v.name,
        idNumber: v.idNumber,
        post: v.post,
        month: v.month.format('YYYY-MM'),
        amountDueFen: toFen(v.amount) as number,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        paidOn: v.paidOn?.format('YYYY-MM-DD'),
      });
      form.resetFields();
      onSaved();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('pf.pay.add')} onCancel={onClose} onOk={save} confirmLoading={saving} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        data-testid="pay-form"
        initialValues={{ month: dayjs(), dueOn: dayjs().date(10), post: '村党组织书记' }}
      >
        {!village && (
          <Form.Item name="villageCode" label={t('pf.village')} rules={[{ required: true, message: t('pf.chooseVillage') }]}>
            <RegionCascader villageOnly />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('pf.pay.name')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('pf.pay.idNumber')} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="post" label={t('pf.pay.post')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="month" label={t('pf.pay.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('pf.pay.due')}
          rules={[{ validator: (_, v) => ((toFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('pf.badAmount')))) }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('pf.pay.dueOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="paidOn" label={t('pf.pay.paidOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

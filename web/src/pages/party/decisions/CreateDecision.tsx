import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { DECISION_CATEGORIES, DECISION_SOURCES, partyDecisions } from '../../../api/partyDecisions';
import { useMe } from '../../../auth/AuthContext';
import { RegionCascader } from '../../../components/RegionCascader';
import { type MessageKey, useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

interface Values {
  villageCode: string;
  title: string;
  content: string;
  category: (typeof DECISION_CATEGORIES)[number];
  amount?: number | null;
  source: (typeof DECISION_SOURCES)[number];
  proposedOn: Dayjs;
}

/** 登记事项: a major village matter as it was suggested (the first step); the case opens as proposed. */
export function CreateDecision({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await partyDecisions.create({
        villageCode: v.villageCode,
        title: v.title,
        content: v.content,
        category: v.category,
        amount: v.amount ?? null,
        source: v.source,
        proposedOn: v.proposedOn.format('YYYY-MM-DD'),
      });
      message.success(t('pd.create.done'));
      form.resetFields();
      onCreated(r.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('pd.create.title')}
      okText={t('pd.create.submit')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'decision-create-submit' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          proposedOn: dayjs(),
          source: 'village_cadres',
          category: 'project',
          villageCode: me.scope.code.length === 12 ? me.scope.code : undefined,
        }}
        data-testid="decision-create-form"
      >
        <Form.Item name="villageCode" label={t('pd.create.village')} rules={[{ required: true }]}>
          <RegionCascader villageOnly data-testid="decision-create-village" />
        </Form.Item>
        <Form.Item name="title" label={t('pd.c.title')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="decision-create-title" />
        </Form.Item>
        <Form.Item name="content" label={t('pd.c.content')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="decision-create-content" />
        </Form.Item>
        <Form.Item name="category" label={t('pd.c.category')} rules={[{ required: true }]}>
          <Select options={DECISION_CATEGORIES.map((c) => ({ value: c, label: t(`pd.cat.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('pd.c.amount')}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="decision-create-amount" />
        </Form.Item>
        <Form.Item name="source" label={t('pd.c.source')} rules={[{ required: true }]}>
          <Select options={DECISION_SOURCES.map((s) => ({ value: s, label: t(`pd.src.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="proposedOn" label={t('pd.c.proposedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { partyLedger } from '../../../api/partyLedger';
import { RegionCascader } from '../../../components/RegionCascader';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useRegionLink } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';

interface Values {
  villageCode?: string;
  year: number;
  causes: string[];
  problems?: string;
}

/** 排查认定: a village, the year, its causes from the standard list and the main problems; opens the new case. */
export function NewCaseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const causes = useAsync(() => (open ? partyLedger.causes() : Promise.resolve([])), [open, lang]);
  const navigate = useNavigate();
  const link = useRegionLink();
  const message = useToast();

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const made = await partyLedger.create({ villageCode: v.villageCode ?? '', year: v.year, causes: v.causes, problems: v.problems });
      message.success(t('pl.form.created'));
      onClose();
      void navigate(link(`/party/ledger/${made.id}`));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('pl.form.title')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'ledger-new-submit' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), causes: [] }} data-testid="ledger-new-form">
        <Form.Item
          name="villageCode"
          label={t('pl.form.village')}
          rules={[
            {
              required: true,
              validator: (_, v?: string) => (v && v.length === 12 ? Promise.resolve() : Promise.reject(t('pl.form.villageHint'))),
            },
          ]}
        >
          <RegionCascader data-testid="ledger-new-village" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="year" label={t('pl.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} data-testid="ledger-new-year" />
        </Form.Item>
        <Form.Item name="causes" label={t('pl.form.causes')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select
            mode="multiple"
            loading={causes.loading}
            options={(causes.data ?? []).map((c) => ({ value: c.code, label: c.label }))}
            data-testid="ledger-new-causes"
          />
        </Form.Item>
        <Form.Item name="problems" label={t('pl.form.problems')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="ledger-new-problems" />
        </Form.Item>
        {error && (
          <div role="alert" className="ant-form-item-explain-error" data-testid="ledger-new-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}

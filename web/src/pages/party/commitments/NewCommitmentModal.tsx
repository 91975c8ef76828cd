import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type MemberItem, party } from '../../../api/party';
import { partyFunds } from '../../../api/party-funds';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

/** 新增承诺: a current member of the region (found by name) makes a public commitment for a year. */
export function NewCommitmentModal({
  open,
  region,
  year,
  onClose,
  onSaved,
}: {
  open: boolean;
  region: string;
  year: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [form] = Form.useForm<{ memberId: number; year: number; content: string }>();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<MemberItem[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      party
        .members({ region, q: q.trim() || undefined, limit: 20 }, ctl.signal)
        .then((r) => setOptions(r.items))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [open, region, q]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await partyFunds.createCommitment({ memberId: v.memberId, year: v.year, content: v.content });
      toast.success(t('pg.com.saved'));
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
      title={t('pg.com.add')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'commitment-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ year }} data-testid="commitment-form">
        <Form.Item name="memberId" label={t('pg.com.member')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            data-testid="commitment-member"
            options={options.map((m) => ({ value: m.id, label: `${m.name} · ${m.orgName} · ${m.idMasked}` }))}
          />
        </Form.Item>
        <Form.Item name="year" label={t('pg.com.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="content" label={t('pg.com.content')} rules={[{ required: true, min: 2, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="commitment-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

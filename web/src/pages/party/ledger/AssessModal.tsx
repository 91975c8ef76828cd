import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type AssessInput, OPINIONS, partyLedger, RESULTS, type ScreeningItem } from '../../../api/partyLedger';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

/** 研判: the result, the villagers' opinion and notes for one secretary (once; 不胜任 opens the adjustment). */
export function AssessModal({ item, onClose, onDone }: { item: ScreeningItem | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const message = useToast();
  const [form] = Form.useForm<AssessInput>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!item) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await partyLedger.assess(item.id, v);
      message.success(t('ps.assessed'));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={item ? t('ps.assessTitle', { name: `${item.village.name} · ${item.secretary}` }) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'assess-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="assess-form">
        <Form.Item name="result" label={t('ps.c.result')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={RESULTS.map((r) => ({ value: r, label: t(`ps.result.${r}`) }))}
            data-testid="assess-result"
          />
        </Form.Item>
        <Form.Item name="opinion" label={t('ps.c.opinion')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={OPINIONS.map((o) => ({ value: o, label: t(`ps.opinion.${o}`) }))}
            data-testid="assess-opinion"
          />
        </Form.Item>
        <Form.Item name="note" label={t('ps.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

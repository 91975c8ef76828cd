import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { type ComparisonHit, comparison } from '../../api/exitMonitoring';
import { useI18n } from '../../i18n';
import { useToast } from '../../lib/useToast';

/** The county's decision on a hit: confirm (a death ends the membership; others may open a re-assessment) or dismiss with a reason. */
export function DecideModal({
  hit,
  decision,
  onClose,
  onDone,
}: {
  hit: ComparisonHit | null;
  decision: 'confirm' | 'dismiss';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const message = useToast();
  const [form] = Form.useForm<{ reason?: string; reassess: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const death = hit?.department === 'death';
  const reassess = Form.useWatch('reassess', form) ?? true;
  const needsReason = decision === 'dismiss' || (!death && !reassess);

  const submit = async () => {
    if (!hit) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await comparison.decide(hit.id, {
        decision,
        reason: v.reason,
        ...(decision === 'confirm' && !death ? { reassess: v.reassess } : {}),
      });
      message.success(t('cmp.done'));
      onDone();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={hit !== null}
      title={`${decision === 'confirm' ? t('cmp.confirm') : t('cmp.dismiss')} · ${hit?.person.name ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ danger: decision === 'dismiss', ...({ 'data-testid': 'cmp-decide-submit' } as Record<string, string>) }}
    >
      <Form form={form} layout="vertical" initialValues={{ reassess: true }} preserve={false}>
        {decision === 'confirm' && death && <Alert type="warning" showIcon title={t('cmp.deathNote')} style={{ marginBottom: 12 }} />}
        {decision === 'confirm' && !death && (
          <Form.Item name="reassess" valuePropName="checked">
            <Checkbox data-testid="cmp-reassess">{t('cmp.reassess')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('cmp.reason')} rules={[{ required: needsReason, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="cmp-reason" />
        </Form.Item>
        {error && (
          <div role="alert" className="ant-form-item-explain-error" data-testid="cmp-decide-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}

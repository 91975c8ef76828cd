import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n';
import { useToast } from '../../lib/useToast';

/**
 * A form in a modal for the party pages' small writes (appoint, add, edit, leave, move, pair): the server's field
 * errors land on their fields, any other error above the form, and the modal closes on success.
 */
export function FormModal<V extends object>({
  open,
  title,
  testId,
  initial,
  onClose,
  onSubmit,
  onDone,
  children,
}: {
  open: boolean;
  title: ReactNode;
  testId: string;
  initial?: Partial<V>;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  onDone: () => void;
  children: (form: FormInstance<V>) => ReactNode;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v);
      toast.success(t('pty.saved'));
      onDone();
    } catch (e) {
      const names = Object.keys(form.getFieldsValue(true) ?? {});
      const hits = e instanceof ApiError ? Object.entries(e.fieldErrors()).filter(([k]) => names.includes(k)) : [];
      // biome-ignore lint/suspicious/noExplicitAny: antd's setFields takes the form's own field names
      if (hits.length) form.setFields(hits.map(([name, m]) => ({ name: name as any, errors: [m] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-submit` } as { 'data-testid': string }}
      data-testid={testId}
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid={`${testId}-error`} />
      ) : null}
      <Form<V> form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        {children(form)}
      </Form>
    </Modal>
  );
}

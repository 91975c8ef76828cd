import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { users as usersApi } from '../../api/endpoints';
import type { User } from '../../api/types';
import { PasswordRules } from '../../components/PasswordRules';
import { useI18n } from '../../i18n';
import { useToast } from '../../lib/useToast';

import { applyFieldErrors, passwordRule } from './forms';

export function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useI18n();
  const message = useToast();
  const [form] = Form.useForm<{ password: string }>();
  const password = Form.useWatch('password', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);

  const submit = async ({ password: p }: { password: string }) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const u = await usersApi.resetPassword(user.id, p);
      message.success(t('users.resetOk', { name: user.displayName || user.username }));
      onDone(u);
    } catch (e) {
      if (!applyFieldErrors(form, e, ['password'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { name: `${user.displayName}（${user.username}）` }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="reset-password-modal"
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t('users.tempPassword')}
          extra={<PasswordRules value={password} />}
          rules={[{ required: true, message: t('pwd.newRequired') }, passwordRule(t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

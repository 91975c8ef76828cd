import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { auth } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { AuthFrame } from '../components/AuthFrame';
import { PasswordRules } from '../components/PasswordRules';
import { useI18n } from '../i18n';
import { isStrongPassword } from '../lib/password';

interface PwdForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PwdForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: PwdForm) => {
    setBusy(true);
    setError(null);
    try {
      await auth.changePassword(v.currentPassword, v.newPassword);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const field =
          e.code === 'WRONG_PASSWORD'
            ? 'currentPassword'
            : e.code === 'WEAK_PASSWORD' || e.code === 'PASSWORD_REUSED'
              ? 'newPassword'
              : null;
        const fe = e.fieldErrors();
        const fields = Object.entries(fe).filter(([k]) => k === 'currentPassword' || k === 'newPassword');
        if (field) form.setFields([{ name: field, errors: [e.message] }]);
        else if (fields.length) form.setFields(fields.map(([k, m]) => ({ name: k as keyof PwdForm, errors: [m] })));
        else setError(e);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Alert type="info" showIcon title={t('pwd.policy')} style={{ marginBottom: 16 }} data-testid="password-policy" />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<PwdForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('pwd.current')} rules={[{ required: true, message: t('pwd.currentRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="pwd-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('pwd.new')}
          extra={<PasswordRules value={newPassword} />}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('pwd.newRequired') },
            {
              validator: (_, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('pwd.weak')))),
            },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v !== getFieldValue('currentPassword') ? Promise.resolve() : Promise.reject(new Error(t('pwd.sameAsCurrent'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('pwd.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('pwd.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('pwd.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="pwd-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </>
  );
}

export default function ChangePassword({ forced }: { forced: boolean }) {
  const { t } = useI18n();
  const { refresh, logout } = useAuth();
  const navigate = useNavigate();

  // The success message is shown by the layout after the navigation (a flash in the history state).
  const done = async () => {
    await refresh();
    // BrowserRouter navigates at once; the Promise in navigate's type is the data routers' only.
    void navigate('/', { replace: true, state: { flash: 'pwd.success' } });
  };

  if (forced) {
    return (
      <AuthFrame
        title={t('pwd.title')}
        extra={
          <Button
            icon={<LogoutOutlined />}
            onClick={() => void logout().finally(() => navigate('/login', { replace: true }))}
            data-testid="logout"
          >
            {t('header.logout')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('pwd.forced')} style={{ marginBottom: 12 }} data-testid="pwd-forced" />
        <PasswordForm onDone={() => void done()} />
      </AuthFrame>
    );
  }
  return (
    <Card title={t('pwd.title')} style={{ maxWidth: 520 }}>
      <PasswordForm onDone={() => void done()} />
    </Card>
  );
}

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { health } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { takeSessionExpired } from '../auth/session';
import { AuthFrame } from '../components/AuthFrame';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';

interface LoginForm {
  username: string;
  password: string;
}

export default function Login() {
  const { t, lang } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);
  const [expired] = useState(takeSessionExpired);

  useEffect(() => {
    health()
      .then((h) => setDemo(h.demo === true))
      .catch(() => setDemo(false));
  }, []);

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const u = await login(v.username.trim(), v.password);
      const next = params.get('next');
      // BrowserRouter navigates at once; the Promise in navigate's type is the data routers' only.
      if (u.mustChangePassword) void navigate('/change-password', { replace: true });
      else void navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  let alert = null;
  if (error) {
    const until =
      error instanceof ApiError && error.code === 'ACCOUNT_LOCKED' ? (error.details as { until?: string } | null)?.until : undefined;
    alert = (
      <Alert
        type="error"
        showIcon
        data-testid="login-error"
        style={{ marginBottom: 16 }}
        title={errorMessage(error)}
        description={until ? t('login.lockedUntil', { time: formatDateTime(until, lang) }) : undefined}
      />
    );
  } else if (expired) {
    alert = <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('login.sessionExpired')} />;
  }

  return (
    <AuthFrame
      title={
        <span>
          {t('login.title')}
          {demo && (
            <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="demo-env">
              {t('login.demoEnv')}
            </Tag>
          )}
        </span>
      }
    >
      {alert}
      <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={submit} data-testid="login-form" size="large">
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      {demo && (
        <p className="fp-auth-hint" data-testid="demo-hint">
          {t('login.demoHint')}
        </p>
      )}
    </AuthFrame>
  );
}

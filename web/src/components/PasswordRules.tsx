import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { passwordChecks } from '../lib/password';

function Rule({ ok, text }: { ok: boolean; text: string }) {
  return (
    <Typography.Text type={ok ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
      {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {text}
    </Typography.Text>
  );
}

/** The live checklist of the password policy under a password field. */
export function PasswordRules({ value }: { value: string }) {
  const { t } = useI18n();
  const c = passwordChecks(value ?? '');
  return (
    <Space size={16} data-testid="password-rules">
      <Rule ok={c.length} text={t('pwd.rule.length')} />
      <Rule ok={c.classes} text={t('pwd.rule.classes')} />
    </Space>
  );
}

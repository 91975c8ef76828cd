import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import './auth-frame.css';

/** The frame of the pages outside the main layout (login, forced password change). */
export function AuthFrame({ title, children, extra }: { title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="fp-auth">
      <div className="fp-auth-top">
        {extra}
        <LanguageSwitch />
      </div>
      <div className="fp-auth-center">
        <div className="fp-auth-brand">
          <svg viewBox="0 0 64 64" width="44" height="44" aria-hidden="true">
            <rect width="64" height="64" rx="12" fill="#c8102e" />
            <path d="M32 12l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L32 42.1l-11.7 6.2 2.2-13.1-9.5-9.3 13.1-1.9z" fill="#ffd700" />
          </svg>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="brand-title">
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        <Card className="fp-auth-card" title={title}>
          {children}
        </Card>
      </div>
    </div>
  );
}

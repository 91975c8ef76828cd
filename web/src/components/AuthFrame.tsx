import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import './auth-frame.css';

/**
 * The frame of the pages outside the main layout (login, forced password change). Plain elements rather
 * than antd Card/Typography keep the login page's JavaScript small (Card alone brings Tabs and Menu).
 */
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
            <h1 className="fp-auth-title" data-testid="brand-title">
              {t('app.name')}
            </h1>
            <div className="fp-auth-subtitle">{t('app.subtitle')}</div>
          </div>
        </div>
        <section className="fp-auth-card">
          <header className="fp-auth-card-head">{title}</header>
          <div className="fp-auth-card-body">{children}</div>
        </section>
      </div>
    </div>
  );
}

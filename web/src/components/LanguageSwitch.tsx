import { Segmented } from 'antd';
import { auth, clearRegionCache } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { type Lang, useI18n } from '../i18n';

/** Switches the UI language: persists in localStorage and, when signed in, on the account. */
export function useChangeLanguage() {
  const { lang, setLang } = useI18n();
  const { user, refresh } = useAuth();
  return (next: Lang) => {
    if (next === lang) return;
    clearRegionCache();
    setLang(next);
    if (user) {
      auth
        .setLanguage(next)
        .catch(() => undefined)
        .finally(() => void refresh());
    }
  };
}

/** 中文 / English. */
export function LanguageSwitch({ size = 'medium' }: { size?: 'small' | 'medium' | 'large' }) {
  const { lang, t } = useI18n();
  const change = useChangeLanguage();
  return (
    <span data-testid="lang-switch" title={t('lang.switch')}>
      <Segmented<Lang>
        size={size}
        value={lang}
        onChange={change}
        options={[
          { label: <span data-testid="lang-zh">{t('lang.zh')}</span>, value: 'zh-CN' },
          { label: <span data-testid="lang-en">{t('lang.en')}</span>, value: 'en' },
        ]}
      />
    </span>
  );
}

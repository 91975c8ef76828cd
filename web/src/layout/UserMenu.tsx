import { CheckOutlined, DownOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { useChangeLanguage } from '../components/LanguageSwitch';
import { type Lang, useI18n } from '../i18n';
import { useRegionLink } from '../lib/useRegion';

/**
 * The account menu at the header's right: change password, sign out. On a phone the header has no room for the
 * language switch and the user's name, so the menu also carries them.
 */
export function UserMenu({ phone, onLogout }: { phone: boolean; onLogout: () => void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const link = useRegionLink();
  const changeLanguage = useChangeLanguage();

  const language = (value: Lang, key: 'lang.zh' | 'lang.en') => ({
    key: `lang-${value}`,
    icon: lang === value ? <CheckOutlined /> : <span className="fp-menu-icon-space" />,
    label: <span data-testid={`menu-lang-${value === 'en' ? 'en' : 'zh'}`}>{t(key)}</span>,
    onClick: () => changeLanguage(value),
  });
  const phoneItems: MenuProps['items'] = phone
    ? [
        {
          key: 'who',
          disabled: true,
          className: 'fp-user-menu-who',
          label: (
            <span className="fp-user-text" data-testid="menu-user-who">
              <span className="fp-user-name">{me.displayName}</span>
              <span className="fp-user-meta-menu">
                {me.roleLabel} · {me.scope.name}
              </span>
            </span>
          ),
        },
        { type: 'divider' },
        {
          type: 'group',
          key: 'lang',
          label: (
            <span>
              <GlobalOutlined /> {t('lang.switch')}
            </span>
          ),
          children: [language('zh-CN', 'lang.zh'), language('en', 'lang.en')],
        },
        { type: 'divider' },
      ]
    : [];

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...(phoneItems ?? []),
          {
            key: 'pwd',
            icon: <KeyOutlined />,
            label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span>,
            onClick: () => navigate(link('/change-password')),
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: <span data-testid="logout">{t('header.logout')}</span>,
            onClick: onLogout,
          },
        ],
      }}
    >
      <Button type="text" className="fp-user" data-testid="user-menu" aria-label={t('header.account')}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8102e' }} />
        {!phone && (
          <>
            <span className="fp-user-text">
              <span className="fp-user-name" data-testid="header-user-name">
                {me.displayName}
              </span>
              <span className="fp-user-meta" data-testid="header-user-role">
                {me.roleLabel} · <span data-testid="header-user-scope">{me.scope.name}</span>
              </span>
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}

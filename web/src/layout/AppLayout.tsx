import {
  ApartmentOutlined,
  AuditOutlined,
  DownOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Avatar, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RegionCascader } from '../components/RegionCascader';
import { PageLoading } from '../components/States';
import { hasMessage, type MessageKey, useI18n } from '../i18n';
import { useCurrentRegion, useRegionLink } from '../lib/useRegion';
import './layout.css';

const { Header, Sider, Content, Footer } = Layout;

interface NavItem {
  path: string;
  key: MessageKey;
  icon: ReactNode;
  permission?: string;
}

export const NAV: NavItem[] = [
  { path: '/', key: 'nav.home', icon: <HomeOutlined /> },
  { path: '/regions', key: 'nav.regions', icon: <ApartmentOutlined /> },
  { path: '/users', key: 'nav.users', icon: <TeamOutlined />, permission: 'users.manage' },
  { path: '/audit', key: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

const EXTRA_CRUMBS: Record<string, MessageKey> = { '/change-password': 'nav.changePassword' };

function Logo({ collapsed }: { collapsed: boolean }) {
  const { t } = useI18n();
  return (
    <div className="fp-logo" data-testid="product-name">
      <svg viewBox="0 0 64 64" width="30" height="30" aria-hidden="true">
        <rect width="64" height="64" rx="12" fill="#c8102e" />
        <path d="M32 12l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L32 42.1l-11.7 6.2 2.2-13.1-9.5-9.3 13.1-1.9z" fill="#ffd700" />
      </svg>
      {!collapsed && (
        <div className="fp-logo-text">
          <div className="fp-logo-title">{t('app.shortName')}</div>
          <div className="fp-logo-sub">{t('app.tagline')}</div>
        </div>
      )}
    </div>
  );
}

/**
 * The signed-in frame: dark side menu, header (region switcher, language, user), breadcrumb, content.
 * antd's App (message/modal context) starts here, so the login page does not load it.
 */
export default function AppLayout({ children }: { children?: ReactNode }) {
  return (
    <App>
      <Frame>{children}</Frame>
    </App>
  );
}

function Frame({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const link = useRegionLink();
  const { code: regionCode, setCode } = useCurrentRegion();
  const [collapsed, setCollapsed] = useState(false);

  // A one-off success message handed over by a page that navigated here (e.g. after a password change).
  const flash = (location.state as { flash?: string } | null)?.flash;
  useEffect(() => {
    if (flash && hasMessage(flash)) {
      message.success(t(flash));
      navigate(location.pathname + location.search, { replace: true, state: null });
    }
  }, [flash, message, t, navigate, location.pathname, location.search]);

  const items = NAV.filter((n) => !n.permission || me.permissions.includes(n.permission));
  const active =
    items.filter((n) => (n.path === '/' ? location.pathname === '/' : location.pathname.startsWith(n.path))).map((n) => n.path)[0] ?? '';

  const doLogout = async () => {
    await logout().catch(() => undefined);
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  const crumbs: { title: ReactNode }[] = [{ title: <Link to={link('/')}>{t('nav.home')}</Link> }];
  const section = items.find((n) => n.path !== '/' && n.path === active);
  if (section) crumbs.push({ title: t(section.key) });
  const extra = EXTRA_CRUMBS[location.pathname];
  if (extra) crumbs.push({ title: t(extra) });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        theme="dark"
        width={232}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        trigger={null}
        breakpoint="lg"
        className="fp-sider"
      >
        <Link to={link('/')}>
          <Logo collapsed={collapsed} />
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[active]}
          data-testid="side-menu"
          items={items.map((n) => ({
            key: n.path,
            icon: n.icon,
            label: (
              <Link to={link(n.path)} data-testid={`nav-${n.path === '/' ? 'home' : n.path.slice(1)}`}>
                {t(n.key)}
              </Link>
            ),
          }))}
        />
      </Sider>
      <Layout>
        <Header className="fp-header">
          <Space size={12} className="fp-header-left">
            <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                aria-label={collapsed ? t('header.expand') : t('header.collapse')}
              />
            </Tooltip>
            <Typography.Text type="secondary" className="fp-hide-narrow">
              {t('header.region')}
            </Typography.Text>
            <RegionCascader
              data-testid="region-cascader"
              popupClassName="fp-region-popup"
              value={regionCode}
              onChange={(c) => c && setCode(c)}
              style={{ width: 300 }}
            />
          </Space>
          <Space size={16} className="fp-header-right">
            {me.isDemo && (
              <Tag color="orange" data-testid="demo-tag" style={{ marginInlineEnd: 0 }}>
                {t('header.demo')}
              </Tag>
            )}
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'pwd',
                    icon: <KeyOutlined />,
                    label: t('nav.changePassword'),
                    onClick: () => navigate(link('/change-password')),
                  },
                  { type: 'divider' },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="logout">{t('header.logout')}</span>,
                    onClick: () => void doLogout(),
                  },
                ],
              }}
            >
              <Button type="text" className="fp-user" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8102e' }} />
                <span className="fp-user-text">
                  <span className="fp-user-name" data-testid="header-user-name">
                    {me.displayName}
                  </span>
                  <span className="fp-user-meta" data-testid="header-user-role">
                    {me.roleLabel} · <span data-testid="header-user-scope">{me.scope.name}</span>
                  </span>
                </span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <div className="fp-breadcrumb">
          <Breadcrumb items={crumbs} data-testid="breadcrumb" />
        </div>
        <Content className="fp-content">
          <Suspense fallback={<PageLoading />}>{children ?? <Outlet />}</Suspense>
        </Content>
        <Footer className="fp-footer">{t('app.footer')}</Footer>
      </Layout>
    </Layout>
  );
}

import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Drawer, Layout, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RegionCascader } from '../components/RegionCascader';
import { PageLoading } from '../components/States';
import { hasMessage, useI18n } from '../i18n';
import { usePhone } from '../lib/usePhone';
import { useCurrentRegion, useRegionLink } from '../lib/useRegion';
import { NavMenu, useCrumbs } from './nav';
import { UserMenu } from './UserMenu';
import './layout.css';
import { useToast } from '../lib/useToast';

const { Header, Sider, Content, Footer } = Layout;

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
 * On a phone (narrower than antd's md, 768 px) the side menu is a drawer opened from the header, and the language
 * switch moves into the user menu. antd's App (message/modal context) starts here, so the login page does not load it.
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
  const message = useToast();
  const navigate = useNavigate();
  const location = useLocation();
  const link = useRegionLink();
  const crumbs = useCrumbs();
  const { code: regionCode, setCode } = useCurrentRegion();
  const phone = usePhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  // A one-off success message handed over by a page that navigated here (e.g. after a password change).
  const flash = (location.state as { flash?: string } | null)?.flash;
  useEffect(() => {
    if (flash && hasMessage(flash)) {
      message.success(t(flash));
      // BrowserRouter navigates at once; the Promise in navigate's type is the data routers' only.
      void navigate(location.pathname + location.search, { replace: true, state: null });
    }
  }, [flash, message, t, navigate, location.pathname, location.search]);

  const doLogout = async () => {
    await logout().catch(() => undefined);
    message.success(t('header.loggedOut'));
    void navigate('/login', { replace: true });
  };

  const menuToggle = phone ? (
    <Button
      type="text"
      size="large"
      icon={<MenuOutlined />}
      onClick={() => setDrawerOpen(true)}
      aria-label={t('header.openMenu')}
      data-testid="menu-drawer-open"
    />
  ) : (
    <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
      <Button
        type="text"
        icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
        onClick={() => setCollapsed(!collapsed)}
        aria-label={collapsed ? t('header.expand') : t('header.collapse')}
      />
    </Tooltip>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          size={256}
          rootClassName="fp-nav-drawer"
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          <Link to={link('/')} onClick={() => setDrawerOpen(false)}>
            <Logo collapsed={false} />
          </Link>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
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
          <NavMenu collapsed={collapsed} />
        </Sider>
      )}
      <Layout>
        <Header className="fp-header">
          <Space size={phone ? 4 : 12} className="fp-header-left">
            {menuToggle}
            {!phone && (
              <Typography.Text type="secondary" className="fp-hide-narrow">
                {t('header.region')}
              </Typography.Text>
            )}
            <RegionCascader
              data-testid="region-cascader"
              popupClassName="fp-region-popup"
              value={regionCode}
              onChange={(c) => c && setCode(c)}
              style={{ width: phone ? '100%' : 300 }}
            />
          </Space>
          <Space size={phone ? 4 : 16} className="fp-header-right">
            {me.isDemo && !phone && (
              <Tag color="orange" data-testid="demo-tag" style={{ marginInlineEnd: 0 }}>
                {t('header.demo')}
              </Tag>
            )}
            {!phone && <LanguageSwitch />}
            <UserMenu phone={phone} onLogout={() => void doLogout()} />
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

import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  DownOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SolutionOutlined,
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
  icon?: ReactNode;
  permission?: string;
  /** Other paths that select this item (the command centre's overview is also the front page). */
  aliases?: string[];
}

interface NavGroup {
  group: string;
  key: MessageKey;
  icon: ReactNode;
  permission?: string;
  children: NavItem[];
}

type NavEntry = NavItem | NavGroup;

const isGroup = (n: NavEntry): n is NavGroup => 'group' in n;

export const NAV: NavEntry[] = [
  {
    group: 'command',
    key: 'nav.command',
    icon: <DashboardOutlined />,
    permission: 'data.read',
    children: [
      { path: '/command', key: 'nav.cmd.overview', aliases: ['/'] },
      { path: '/command/wall', key: 'nav.cmd.wall' },
      { path: '/command/briefing', key: 'nav.cmd.briefing' },
    ],
  },
  { path: '/home', key: 'nav.regionOverview', icon: <HomeOutlined /> },
  {
    group: 'registry',
    key: 'nav.registry',
    icon: <SolutionOutlined />,
    permission: 'data.read',
    children: [
      { path: '/registry/households', key: 'nav.households' },
      { path: '/registry/villages', key: 'nav.villages' },
      { path: '/registry/import', key: 'nav.import', permission: 'data.write' },
    ],
  },
  { path: '/regions', key: 'nav.regions', icon: <ApartmentOutlined /> },
  { path: '/users', key: 'nav.users', icon: <TeamOutlined />, permission: 'users.manage' },
  { path: '/audit', key: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

const EXTRA_CRUMBS: Record<string, MessageKey> = { '/change-password': 'nav.changePassword' };

/** Crumbs below a section's page (detail, edit, new), from the path. */
function deeperCrumbs(pathname: string): { key: MessageKey; to?: string }[] {
  let m = /^\/registry\/households\/([^/]+)(\/edit)?\/?$/.exec(pathname);
  if (m) {
    if (m[1] === 'new') return [{ key: 'crumb.newHousehold' }];
    return m[2] ? [{ key: 'crumb.household', to: `/registry/households/${m[1]}` }, { key: 'crumb.edit' }] : [{ key: 'crumb.household' }];
  }
  m = /^\/registry\/villages\/([^/]+)\/?$/.exec(pathname);
  if (m) return [{ key: 'crumb.village' }];
  return [];
}

const testIdOf = (path: string) => `nav-${path === '/' ? 'home' : path.slice(1).replaceAll('/', '-')}`;

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

  const allowed = (n: { permission?: string }) => !n.permission || me.permissions.includes(n.permission);
  const entries = NAV.filter(allowed)
    .map((n) => (isGroup(n) ? { ...n, children: n.children.filter(allowed) } : n))
    .filter((n) => !isGroup(n) || n.children.length > 0);
  const leaves: (NavItem & { group?: NavGroup })[] = entries.flatMap((n) =>
    isGroup(n) ? n.children.map((c) => ({ ...c, group: n })) : [n],
  );
  const matches = (path: string) =>
    path === '/' ? location.pathname === '/' : location.pathname === path || location.pathname.startsWith(`${path}/`);
  const activeLeaf = leaves
    .filter((n) => matches(n.path) || n.aliases?.includes(location.pathname))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const active = activeLeaf?.path ?? '';
  const activeGroup = activeLeaf?.group?.group;
  const [openKeys, setOpenKeys] = useState<string[]>(activeGroup ? [activeGroup] : []);
  // Entering a group's page (by a link, not the menu) opens its group.
  useEffect(() => {
    if (activeGroup) setOpenKeys((k) => (k.includes(activeGroup) ? k : [...k, activeGroup]));
  }, [activeGroup]);

  const doLogout = async () => {
    await logout().catch(() => undefined);
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  const crumbs: { title: ReactNode }[] = [{ title: <Link to={link('/')}>{t('nav.home')}</Link> }];
  if (activeLeaf && activeLeaf.path !== '/') {
    if (activeLeaf.group) crumbs.push({ title: t(activeLeaf.group.key) });
    const deeper = deeperCrumbs(location.pathname);
    crumbs.push({ title: deeper.length ? <Link to={link(activeLeaf.path)}>{t(activeLeaf.key)}</Link> : t(activeLeaf.key) });
    for (const d of deeper) crumbs.push({ title: d.to ? <Link to={link(d.to)}>{t(d.key)}</Link> : t(d.key) });
  }
  const extra = EXTRA_CRUMBS[location.pathname];
  if (extra) crumbs.push({ title: t(extra) });

  const leafItem = (n: NavItem) => ({
    key: n.path,
    icon: n.icon,
    label: (
      <Link to={link(n.path)} data-testid={testIdOf(n.path)}>
        {t(n.key)}
      </Link>
    ),
  });

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
          {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          data-testid="side-menu"
          items={entries.map((n) =>
            isGroup(n)
              ? {
                  key: n.group,
                  icon: n.icon,
                  label: <span data-testid={`nav-group-${n.group}`}>{t(n.key)}</span>,
                  children: n.children.map(leafItem),
                }
              : leafItem(n),
          )}
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

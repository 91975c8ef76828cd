import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  FlagOutlined,
  HomeOutlined,
  IdcardOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { type MessageKey, useI18n } from '../i18n';
import { useRegionLink } from '../lib/useRegion';

export interface NavItem {
  path: string;
  key: MessageKey;
  icon?: ReactNode;
  permission?: string;
  /** Other paths that select this item (the command centre's overview is also the front page). */
  aliases?: string[];
}

export interface NavGroup {
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
      { path: '/registry/helpers', key: 'nav.helpers' },
      { path: '/registry/import', key: 'nav.import', permission: 'data.write' },
    ],
  },
  {
    group: 'cadres',
    key: 'nav.cadres',
    icon: <IdcardOutlined />,
    permission: 'data.read',
    children: [
      { path: '/cadres/postings', key: 'nav.cadres.postings' },
      { path: '/cadres/leave', key: 'nav.cadres.leave' },
      { path: '/cadres/attendance', key: 'nav.cadres.attendance' },
      { path: '/cadres/units', key: 'nav.cadres.units' },
      { path: '/cadres/points', key: 'nav.cadres.points' },
    ],
  },
  {
    group: 'party',
    key: 'nav.party',
    icon: <FlagOutlined />,
    permission: 'data.read',
    children: [
      { path: '/party/orgs', key: 'nav.party.orgs' },
      { path: '/party/members', key: 'nav.party.members' },
      { path: '/party/import', key: 'nav.party.import', permission: 'data.write' },
      { path: '/party/ledger', key: 'nav.party.ledger' },
      { path: '/party/screening', key: 'nav.party.screening' },
      { path: '/party/nominations', key: 'nav.party.nominations' },
      { path: '/party/nomination-bars', key: 'nav.party.bars' },
      { path: '/party/decisions', key: 'nav.party.decisions' },
      { path: '/party/funds', key: 'nav.party.funds' },
      { path: '/party/funds/pay', key: 'nav.party.pay' },
      { path: '/party/funds/income', key: 'nav.party.income' },
      { path: '/party/commitments', key: 'nav.party.commitments' },
      { path: '/party/reserve', key: 'nav.party.reserve' },
    ],
  },
  {
    group: 'exit',
    key: 'nav.exit',
    icon: <RiseOutlined />,
    permission: 'data.read',
    children: [
      { path: '/exit/households', key: 'nav.exit.households' },
      { path: '/exit/villages', key: 'nav.exit.villages' },
      { path: '/exit/counties', key: 'nav.exit.counties' },
      { path: '/exit/complaints', key: 'nav.exit.complaints' },
    ],
  },
  {
    group: 'monitoring',
    key: 'nav.monitoring',
    icon: <AlertOutlined />,
    permission: 'data.read',
    children: [
      { path: '/monitoring', key: 'nav.monitoring.cases' },
      { path: '/comparison', key: 'nav.monitoring.comparison' },
    ],
  },
  { path: '/regions', key: 'nav.regions', icon: <ApartmentOutlined /> },
  { path: '/users', key: 'nav.users', icon: <TeamOutlined />, permission: 'users.manage' },
  { path: '/audit', key: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/security', key: 'nav.security', icon: <SafetyCertificateOutlined />, permission: 'security.read' },
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
  if (/^\/registry\/helpers\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.helper' }];
  if (/^\/cadres\/postings\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.posting' }];
  if (/^\/cadres\/leave\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.leave' }];
  if (/^\/cadres\/attendance\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.attendance' }];
  if (/^\/party\/orgs\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.partyOrg' }];
  if (/^\/party\/members\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.partyMember' }];
  if (/^\/villages\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.villageProfile' }];
  if (/^\/party\/ledger\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.partyCase' }];
  if (/^\/exit\/batches\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.exitBatch' }];
  if (/^\/exit\/households\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.exitHousehold' }];
  if (/^\/exit\/villages\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.exitVillage' }];
  if (/^\/exit\/counties\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.exitCounty' }];
  if (/^\/party\/screening\/secretary\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.partyScreening' }];
  if (/^\/party\/decisions\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.decision' }];
  if (/^\/monitoring\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.monitoringCase' }];
  if (/^\/comparison\/hits\/[^/]+\/?$/.test(pathname)) return [{ key: 'crumb.comparisonHit' }];
  return [];
}

const testIdOf = (path: string) => `nav-${path === '/' ? 'home' : path.slice(1).replaceAll('/', '-')}`;

/** The menu entries the user may open, and the one the location selects. */
export function useNav() {
  const me = useMe();
  const location = useLocation();
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
  return { entries, activeLeaf };
}

/** Home › section › page › detail, from the location. */
export function useCrumbs(): { title: ReactNode }[] {
  const { t } = useI18n();
  const link = useRegionLink();
  const location = useLocation();
  const { activeLeaf } = useNav();
  const crumbs: { title: ReactNode }[] = [{ title: <Link to={link('/')}>{t('nav.home')}</Link> }];
  if (activeLeaf && activeLeaf.path !== '/') {
    if (activeLeaf.group) crumbs.push({ title: t(activeLeaf.group.key) });
    const deeper = deeperCrumbs(location.pathname);
    crumbs.push({ title: deeper.length ? <Link to={link(activeLeaf.path)}>{t(activeLeaf.key)}</Link> : t(activeLeaf.key) });
    for (const d of deeper) crumbs.push({ title: d.to ? <Link to={link(d.to)}>{t(d.key)}</Link> : t(d.key) });
  }
  const extra = EXTRA_CRUMBS[location.pathname];
  if (extra) crumbs.push({ title: t(extra) });
  return crumbs;
}

/**
 * The dark side menu: in the side bar on a wide screen, in the drawer on a phone (`onNavigate` closes it).
 * A group opens when one of its pages is entered, also by a link rather than the menu.
 */
export function NavMenu({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useI18n();
  const link = useRegionLink();
  const { entries, activeLeaf } = useNav();
  const activeGroup = activeLeaf?.group?.group;
  const [openKeys, setOpenKeys] = useState<string[]>(activeGroup ? [activeGroup] : []);
  useEffect(() => {
    if (activeGroup) setOpenKeys((k) => (k.includes(activeGroup) ? k : [...k, activeGroup]));
  }, [activeGroup]);

  const leafItem = (n: NavItem) => ({
    key: n.path,
    icon: n.icon,
    label: (
      <Link to={link(n.path)} data-testid={testIdOf(n.path)} onClick={onNavigate}>
        {t(n.key)}
      </Link>
    ),
  });

  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[activeLeaf?.path ?? '']}
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
  );
}

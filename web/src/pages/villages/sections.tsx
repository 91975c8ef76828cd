import { Alert, Descriptions, List, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { type AlertList, command } from '../../api/command';
import type { OrgDetail } from '../../api/party';
import { EmptyState, ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import DecisionsSection from '../party/decisions/VillageSection';
import FundsSection from '../party/funds/VillageSection';
import { LedgerSection, ScreeningSection } from '../party/ledger/VillageSections';

/** What a section of the village page receives: its part of GET /api/villages/{code}/profile, and the village. */
export interface SectionProps<T> {
  data: T;
  village: { code: string; name: string };
}

interface RegisterData {
  households: number;
  persons: number;
  poor: number;
  exited: number;
  returned: number;
  monitored: number;
}
interface PoorVillageData {
  yearListed: number;
  ruralPopulation: number;
  exitYear: number | null;
  plannedExitYear: number | null;
}
interface ResidentsData {
  month: string;
  team: {
    postingId: number;
    name: string;
    role: string;
    unit: string;
    startDate: string;
    daysInVillage: number | null;
    requiredDays: number | null;
    compliant: boolean | null;
  }[];
}
interface MembersData {
  orgId: number;
  members: number;
  probationary: number;
  wealthLeaders: number;
  withPost: number;
  pairings: number;
  leaders: { id: number; name: string; industry: string | null; households: number }[];
}
interface AlertsData {
  region: string;
}
type AlertItem = AlertList['items'][number];

function Register({ data, village }: SectionProps<RegisterData>) {
  const { t, lang } = useI18n();
  const figures: [MessageKey, number][] = [
    ['vil.households', data.households],
    ['vil.persons', data.persons],
    ['vil.poor', data.poor],
    ['vil.exited', data.exited],
    ['vil.returned', data.returned],
    ['vil.monitored', data.monitored],
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap size={[32, 8]} data-testid="village-register">
        {figures.map(([k, v]) => (
          <Statistic key={k} title={t(k)} value={formatNumber(v, lang)} />
        ))}
      </Space>
      <Link to={`/registry/households?region=${village.code}`}>{t('vil.openHouseholds')}</Link>
    </Space>
  );
}

function PoorVillage({ data }: SectionProps<PoorVillageData>) {
  const { t, lang } = useI18n();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      items={[
        { key: 'listed', label: t('vil.yearListed'), children: data.yearListed },
        { key: 'pop', label: t('vil.ruralPopulation'), children: formatNumber(data.ruralPopulation, lang) },
        { key: 'exit', label: t('vil.exitYear'), children: data.exitYear ?? <Tag color="orange">{t('vil.notExited')}</Tag> },
        { key: 'planned', label: t('vil.plannedExit'), children: data.plannedExitYear ?? '—' },
      ]}
    />
  );
}

function Residents({ data }: SectionProps<ResidentsData>) {
  const { t } = useI18n();
  if (!data.team.length) return <EmptyState description={t('vil.noResidents')} />;
  return (
    <List
      size="small"
      header={<Typography.Text type="secondary">{t('vil.residentsMonth', { month: data.month })}</Typography.Text>}
      dataSource={data.team}
      renderItem={(c) => (
        <List.Item>
          <Space wrap size={8}>
            <Link to={`/cadres/postings/${c.postingId}`}>{c.name}</Link>
            <Tag>{t(`vil.role.${c.role}` as MessageKey)}</Tag>
            <Typography.Text type="secondary">{c.unit}</Typography.Text>
            {c.daysInVillage === null ? (
              <Typography.Text type="secondary">{t('vil.daysNone')}</Typography.Text>
            ) : (
              <Tag color={c.compliant ? 'green' : 'red'}>{t('vil.days', { days: c.daysInVillage, required: c.requiredDays ?? 0 })}</Tag>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

function Party({ data }: SectionProps<OrgDetail>) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="village-party">
      <Space wrap>
        <Link to={`/party/orgs/${data.id}`} data-testid="village-party-org">
          {data.name}
        </Link>
        <Tag>{t(`pty.kind.${data.kind}` as MessageKey)}</Tag>
        <Tag color={data.state === 'weak' ? 'red' : 'green'}>{t(`pty.state.${data.state}`)}</Tag>
      </Space>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'sec',
            label: t('pty.org.secretary'),
            children: data.secretary ? (
              <Space size={4} data-testid="village-secretary">
                {data.secretary.name}
                {data.secretary.oneShoulder && <Tag color="blue">{t('pty.org.oneShoulder')}</Tag>}
                <Typography.Text type="secondary">{t('pty.org.since', { date: data.secretary.since })}</Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="warning">{t('pty.org.noSecretary')}</Typography.Text>
            ),
          },
          {
            key: 'history',
            label: t('vil.secretaryHistory'),
            children:
              data.secretaries
                .filter((s) => s.endDate)
                .map((s) => `${s.name}（${s.startDate} – ${s.endDate}）`)
                .join('；') || '—',
          },
        ]}
      />
    </Space>
  );
}

function Members({ data }: SectionProps<MembersData>) {
  const { t } = useI18n();
  const figures: [MessageKey, number][] = [
    ['vil.memberCount', data.members],
    ['vil.probationary', data.probationary],
    ['vil.withPost', data.withPost],
    ['vil.wealthLeaders', data.wealthLeaders],
    ['vil.pairings', data.pairings],
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap size={[32, 8]} data-testid="village-members">
        {figures.map(([k, v]) => (
          <Statistic key={k} title={t(k)} value={v} />
        ))}
      </Space>
      {data.leaders.length > 0 && (
        <Space wrap>
          {data.leaders.map((l) => (
            <Link key={l.id} to={`/party/members/${l.id}`}>
              <Tag color="gold">
                {l.name}
                {l.industry ? ` · ${l.industry}` : ''} · {l.households}
              </Tag>
            </Link>
          ))}
        </Space>
      )}
      <Link to={`/party/orgs/${data.orgId}`}>{t('vil.openMembers')}</Link>
    </Space>
  );
}

const alertLink = (l: AlertItem['link']) =>
  l.kind === 'household'
    ? `/registry/households/${l.id}`
    : l.kind === 'page'
      ? l.path
      : l.kind === 'village'
        ? `/registry/villages/${l.code}`
        : '/security';

/** The command centre's open alerts of the village, loaded on their own (the slowest part of the page). */
function Alerts({ data }: SectionProps<AlertsData>) {
  const { t, lang } = useI18n();
  const feed = useAsync(() => command.alerts({ region: data.region, state: 'open', limit: 20 }), [data.region, lang]);
  if (feed.loading && !feed.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (feed.error) return <ErrorState error={feed.error} onRetry={feed.reload} />;
  const items = feed.data?.items ?? [];
  if (!items.length) return <EmptyState description={t('vil.noAlerts')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="village-alerts">
      {items.map((a) => (
        <Alert
          key={`${a.rule}-${a.key}`}
          type={a.severity === 'high' ? 'error' : a.severity === 'medium' ? 'warning' : 'info'}
          showIcon
          title={<Link to={alertLink(a.link)}>{a.what}</Link>}
          description={a.since}
        />
      ))}
    </Space>
  );
}

/** Section id → its title and component: the module that adds a server section adds its component here. */
// biome-ignore lint/suspicious/noExplicitAny: each section reads its own part of the profile
export const SECTIONS: { id: string; title: MessageKey; wide?: boolean; render: (p: SectionProps<any>) => ReactNode }[] = [
  { id: 'register', title: 'vil.register', render: (p) => <Register {...p} /> },
  { id: 'poorVillage', title: 'vil.poorVillage', render: (p) => <PoorVillage {...p} /> },
  { id: 'party', title: 'vil.party', render: (p) => <Party {...p} /> },
  { id: 'members', title: 'vil.members', render: (p) => <Members {...p} /> },
  { id: 'residents', title: 'vil.residents', render: (p) => <Residents {...p} /> },
  { id: 'screening', title: 'vil.screening', render: (p) => <ScreeningSection data={p.data} /> },
  { id: 'ledger', title: 'vil.ledger', render: (p) => <LedgerSection data={p.data} /> },
  { id: 'decisions', title: 'vil.decisions', render: (p) => <DecisionsSection data={p.data} /> },
  { id: 'funds', title: 'vil.funds', wide: true, render: (p) => <FundsSection data={p.data} /> },
  { id: 'alerts', title: 'vil.alerts', wide: true, render: (p) => <Alerts {...p} /> },
];

import { ApartmentOutlined, DesktopOutlined, FileTextOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type Catalog, command } from '../../api/command';
import { regions } from '../../api/endpoints';
import type { RegionSummary } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { RegionNotFound } from '../../components/RegionNotFound';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import AlertFeed from './AlertFeed';
import BreakdownCharts from './BreakdownCharts';
import { LEVEL_CHILD, monthLabel, unitParen } from './format';
import KeyFigures from './KeyFigures';
import { listHref } from './listLink';
import { MonthSelect } from './MonthSelect';
import { useCommandParams } from './params';
import RankBars from './RankBars';
import RankingTable from './RankingTable';
import RegionMap from './RegionMap';
import RevisionNotice from './RevisionNotice';
import TrendCharts from './TrendCharts';
import './command.css';

/** Level of a region code: 2 digits province … 12 digits village. */
export const levelOfCode = (code: string) => ({ 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 })[code.length] ?? 0;

/** The indicator selector: indicators grouped by their group. */
export function IndicatorSelect({
  catalog,
  value,
  onChange,
  style,
}: {
  catalog: Catalog;
  value: string;
  onChange: (id: string) => void;
  style?: React.CSSProperties;
}) {
  const { lang } = useI18n();
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const m of catalog.indicators) {
    let g = groups.get(m.group);
    if (!g) {
      g = { label: m.groupName, options: [] };
      groups.set(m.group, g);
    }
    g.options.push({ value: m.id, label: m.name + unitParen(m.unit, lang) });
  }
  return (
    <Select
      value={value}
      onChange={onChange}
      options={[...groups.values()]}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="indicator-select"
    />
  );
}

type CountKey = keyof RegionSummary['counts'];
const COUNT_LEVEL: { key: CountKey; level: number }[] = [
  { key: 'city', level: 2 },
  { key: 'county', level: 3 },
  { key: 'township', level: 4 },
  { key: 'village', level: 5 },
];

const FRESHNESS_POLL_MS = 1_000;

/** 指挥中心 · 总览: the scope's key figures, map or ranked children, rankings, trends, breakdowns and alerts. */
export default function Dashboard() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { region, month, indicator: indicatorParam, set } = useCommandParams();
  const level = levelOfCode(region);
  const catalog = useAsync(() => command.catalog(), [lang]);
  const dash = useAsync(() => command.dashboard(region, month), [region, month, lang]);
  const summary = useAsync(() => regions.summary(region), [region, lang]);
  const showMap = level > 0 && level <= 2;
  const geo = useAsync(() => (showMap ? command.geo() : Promise.resolve(null)), [showMap]);
  const mapValues = useAsync(() => (showMap ? command.map({ region, month }) : Promise.resolve(null)), [region, month, lang, showMap]);

  const navigate = useNavigate();
  const pick = useCallback((code: string) => set({ region: code }), [set]);
  const cat = catalog.data;
  const d = dash.data;
  // Figures still being brought up to date: ask again shortly, keeping what is shown meanwhile.
  const fresh = d?.freshness;
  const { reload: reloadDash } = dash;
  const { reload: reloadMap } = mapValues;
  useEffect(() => {
    if (!fresh || fresh.current) return;
    const timer = setTimeout(() => {
      reloadDash();
      if (showMap) reloadMap();
    }, FRESHNESS_POLL_MS);
    return () => clearTimeout(timer);
  }, [fresh, reloadDash, reloadMap, showMap]);
  const indicatorId = indicatorParam && cat?.indicators.some((m) => m.id === indicatorParam) ? indicatorParam : cat?.defaultIndicator;
  const meta = cat?.indicators.find((m) => m.id === indicatorId) ?? cat?.indicators[0];
  const tooltipMetas = useMemo(() => (cat?.indicators ?? []).filter((m) => m.key).slice(0, 4), [cat]);

  const err = dash.error ?? summary.error;
  if (err) {
    if (isApiError(err) && [400, 403, 404].includes(err.status) && region !== me.scope.code) return <RegionNotFound code={region} />;
    return <ErrorState error={err} onRetry={dash.reload} />;
  }
  if (catalog.error) return <ErrorState error={catalog.error} onRetry={catalog.reload} />;
  if (!cat || !d || !meta) return <PageLoading rows={10} />;

  const s = summary.data;
  // Lists show the register as it stands: a figure opens its list in the latest month only.
  const latest = d.month === cat.latestMonth;
  const childKey = LEVEL_CHILD[d.region.level];
  const counts = s ? COUNT_LEVEL.filter((c) => c.level > d.region.level) : [];
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    return p.toString();
  };

  return (
    <Space
      orientation="vertical"
      size={16}
      style={{ width: '100%' }}
      data-testid="command-dashboard"
      data-month={d.month}
      data-region={d.region.code}
      className="fp-cmd"
    >
      <Card className="fp-cmd-head">
        <div className="fp-cmd-head-row">
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={3} className="fp-page-title" data-testid="home-title">
              <span data-testid="home-region-name">{d.region.name}</span>
              <span className="fp-cmd-title-sep"> · </span>
              {t('cmd.title')}
            </Typography.Title>
            <Breadcrumb
              data-testid="command-path"
              items={d.region.path.map((p) => ({
                title:
                  p.code === d.region.code ? (
                    <Typography.Text strong>{p.name}</Typography.Text>
                  ) : (
                    <Typography.Link onClick={() => pick(p.code)} data-testid={`crumb-${p.code}`}>
                      {p.name}
                    </Typography.Link>
                  ),
              }))}
            />
          </div>
          <Space wrap size={[8, 8]} className="fp-cmd-tools">
            <MonthSelect
              value={d.month}
              latest={cat.latestMonth}
              first={cat.firstMonth}
              onChange={(m) => set({ month: m })}
              testId="month-picker"
            />
            <IndicatorSelect catalog={cat} value={meta.id} onChange={(id) => set({ indicator: id }, true)} />
            <Tooltip title={t('common.retry')}>
              <Button icon={<ReloadOutlined />} onClick={() => dash.reload()} loading={dash.loading} aria-label={t('common.retry')} />
            </Tooltip>
            <Link to={`/command/wall?${query({ region })}`} data-testid="open-wall">
              <Button icon={<DesktopOutlined />}>{t('nav.cmd.wall')}</Button>
            </Link>
            <Link to={`/command/briefing?${query({ region, month: d.month })}`} data-testid="open-briefing">
              <Button type="primary" icon={<FileTextOutlined />}>
                {t('nav.cmd.briefing')}
              </Button>
            </Link>
          </Space>
        </div>
        <Space wrap size={[16, 4]} className="fp-cmd-meta">
          {s && <Tag>{s.region.levelLabel}</Tag>}
          {s?.region.isPovertyCounty && <Tag color="red">{t('home.isPovertyCounty')}</Tag>}
          <Typography.Text type="secondary">
            {t('cmd.asOf', { month: monthLabel(d.month, lang) })}
            {d.month !== cat.latestMonth && (
              <Typography.Link style={{ marginInlineStart: 8 }} onClick={() => set({ month: undefined })}>
                {t('cmd.backToLatest', { month: monthLabel(cat.latestMonth, lang) })}
              </Typography.Link>
            )}
          </Typography.Text>
          {d.freshness.asOf && (
            <Tooltip title={t('cmd.fresh.updatingHint')}>
              <Tag color="processing" data-testid="figures-updating">
                {t('cmd.fresh.updating', { time: new Date(d.freshness.asOf).toLocaleTimeString(lang) })}
              </Tag>
            </Tooltip>
          )}
          {d.freshness.pendingMonths.length > 0 && (
            <Tooltip title={t('cmd.fresh.pendingHint')}>
              <Tag color="processing" data-testid="figures-pending">
                {t('cmd.fresh.pending', { n: d.freshness.pendingMonths.length })}
              </Tag>
            </Tooltip>
          )}
          {counts.map((c) => (
            <span key={c.key} data-testid={`summary-card-${c.key}`} className="fp-cmd-count">
              {t(`home.count.${c.key}` as MessageKey)} <b>{s?.counts[c.key].toLocaleString()}</b> {t(`home.unit.${c.key}` as MessageKey)}
            </span>
          ))}
        </Space>
      </Card>

      <RevisionNotice month={d.month} revisions={d.revisions} />
      {!d.hasData && <Alert type="info" showIcon data-testid="region-no-data" title={t('cmd.noDataRegion', { name: d.region.name })} />}

      <KeyFigures
        figures={d.figures}
        metas={cat.indicators}
        previousMonth={d.previousMonth}
        noData={!d.hasData}
        selected={meta.id}
        onSelect={(id) => set({ indicator: id }, true)}
        listHref={latest ? (m) => (m.list ? listHref(m.list, d.region.code) : null) : undefined}
      />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            title={
              showMap
                ? t('cmd.map.title', { indicator: meta.name })
                : d.region.level < 5
                  ? t('cmd.rankBars.title', { level: t(`cmd.child.${childKey}` as MessageKey), indicator: meta.name })
                  : t('cmd.village.title')
            }
            extra={showMap && <Typography.Text type="secondary">{t('cmd.map.hint')}</Typography.Text>}
            className="fp-cmd-card"
          >
            {showMap ? (
              geo.error || mapValues.error ? (
                <ErrorState error={geo.error ?? mapValues.error} onRetry={() => (geo.error ? geo.reload() : mapValues.reload())} />
              ) : geo.data && mapValues.data ? (
                <RegionMap
                  geo={geo.data}
                  items={mapValues.data.items}
                  meta={meta}
                  tooltipMetas={tooltipMetas}
                  cityCode={d.region.level === 2 ? d.region.code : undefined}
                  onPick={pick}
                  height={520}
                />
              ) : (
                <div style={{ height: 520 }} className="fp-cmd-placeholder" />
              )
            ) : d.region.level < 5 ? (
              d.children.length ? (
                <div style={{ maxHeight: 560, overflowY: 'auto' }}>
                  <RankBars rows={d.children} meta={meta} onPick={pick} testId="child-chart-canvas" />
                </div>
              ) : (
                <EmptyState description={t('cmd.rank.empty')} />
              )
            ) : (
              <VillagePanel code={d.region.code} name={d.region.name} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('cmd.alert.title')} className="fp-cmd-card" styles={{ body: { maxHeight: 620, overflowY: 'auto' } }}>
            <AlertFeed region={d.region.code} summaries={d.alerts} onAcked={dash.reload} />
          </Card>
        </Col>
      </Row>

      {d.region.level < 5 && (
        <Card
          title={t('cmd.rank.title', { level: t(`cmd.child.${childKey}` as MessageKey) })}
          extra={<Typography.Text type="secondary">{t('cmd.rank.hint')}</Typography.Text>}
        >
          <RankingTable rows={d.children} metas={cat.indicators} indicator={meta} onPick={pick} />
        </Card>
      )}

      <Card title={t('cmd.trend.title')} extra={<Typography.Text type="secondary">{t('cmd.trend.hint')}</Typography.Text>}>
        <TrendCharts trend={d.trend} metas={cat.indicators} span={8} />
      </Card>

      <Card title={t('cmd.breakdown.title')}>
        <BreakdownCharts breakdowns={d.breakdowns} onOpen={latest ? (l) => navigate(listHref(l, d.region.code)) : undefined} />
      </Card>
    </Space>
  );
}

function VillagePanel({ code, name }: { code: string; name: string }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', padding: '12px 0' }} data-testid="village-panel">
      <Alert type="info" showIcon title={t('cmd.village.hint', { name })} />
      <Space wrap>
        <Link to={`/registry/households?region=${encodeURIComponent(code)}`} data-testid="village-households">
          <Button type="primary" icon={<TeamOutlined />}>
            {t('cmd.village.households', { name })}
          </Button>
        </Link>
        <Link to={`/registry/households?region=${encodeURIComponent(code)}&status=poor`}>
          <Button icon={<ApartmentOutlined />}>{t('cmd.village.stillPoor')}</Button>
        </Link>
        <Link to={`/villages/${encodeURIComponent(code)}`} data-testid="village-profile-link">
          <Button>{t('vil.title')}</Button>
        </Link>
      </Space>
    </Space>
  );
}

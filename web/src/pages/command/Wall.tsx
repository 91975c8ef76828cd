import { ArrowLeftOutlined, FullscreenExitOutlined, FullscreenOutlined, PauseOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Space, Spin, Tooltip, theme } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { type AlertItem, command } from '../../api/command';
import { useMe } from '../../auth/AuthContext';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { levelOfCode } from './Dashboard';
import { changeOf, compareNullable, formatValue, LEVEL_CHILD, monthLabel, STATUS_COLOR, worstFirst } from './format';
import RankBars from './RankBars';
import RegionMap from './RegionMap';
import TrendCharts from './TrendCharts';
import './wall.css';

const REFRESH_MS = 60_000;
const CYCLE_MS = 20_000;
const W = 1920;
const H = 1080;

/** Scale the 1920×1080 stage to the window, keeping its proportions. */
function useStageScale() {
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const fitStage = () => setScale(Math.min(window.innerWidth / W, window.innerHeight / H));
    fitStage();
    window.addEventListener('resize', fitStage);
    return () => window.removeEventListener('resize', fitStage);
  }, []);
  return scale;
}

function Clock() {
  const { lang } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const loc = lang === 'en' ? 'en-GB' : 'zh-CN';
  return (
    <div className="fp-wall-clock" data-testid="wall-clock">
      <div className="fp-wall-time">{now.toLocaleTimeString(loc, { hour12: false })}</div>
      <div className="fp-wall-date">{now.toLocaleDateString(loc, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' })}</div>
    </div>
  );
}

function Panel({ title, children, className, testId }: { title: string; children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`fp-wall-panel ${className ?? ''}`} data-testid={testId}>
      <h3 className="fp-wall-panel-title">{title}</h3>
      <div className="fp-wall-panel-body">{children}</div>
    </section>
  );
}

/** 数据大屏: the command centre on a 1920×1080 wall, dark, refreshed every minute, optionally cycling through the counties. */
export default function Wall() {
  const { t, lang } = useI18n();
  const me = useMe();
  const scale = useStageScale();
  const [params, setParams] = useSearchParams();
  const scope = params.get('region') || me.scope.code;
  const cycling = params.get('cycle') === '1';
  const indicatorParam = params.get('indicator');
  const [tick, setTick] = useState(0);
  const [cycleIndex, setCycleIndex] = useState(0);
  const [fullscreen, setFullscreen] = useState(false);

  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    const on = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);

  const scopeLevel = levelOfCode(scope);
  const showMap = scopeLevel > 0 && scopeLevel <= 2;
  const catalog = useAsync(() => command.catalog(), [lang]);
  const geo = useAsync(() => (showMap ? command.geo() : Promise.resolve(null)), [showMap]);
  const mapValues = useAsync(() => (showMap ? command.map({ region: scope }) : Promise.resolve(null)), [scope, lang, tick, showMap]);
  const cycleIndicator = indicatorParam ?? catalog.data?.defaultIndicator;
  // The counties to cycle through: those with any figure, worst first on the shown indicator.
  const counties = useMemo(() => {
    const meta = catalog.data?.indicators.find((m) => m.id === cycleIndicator);
    const rows = (mapValues.data?.items ?? []).filter((r) => r.level === 3 && Object.values(r.values).some((v) => v !== null && v !== 0));
    if (!meta) return rows;
    const dir = worstFirst(meta);
    return [...rows].sort((a, b) => dir * compareNullable(a.values[meta.id], b.values[meta.id]));
  }, [mapValues.data, catalog.data, cycleIndicator]);
  const focus = cycling && counties.length ? (counties[cycleIndex % counties.length]?.code ?? scope) : scope;
  const dash = useAsync(() => command.dashboard(focus, undefined), [focus, lang, tick]);
  const alerts = useAsync(() => command.alerts({ region: scope, state: 'open', limit: 30 }), [scope, lang, tick]);

  useEffect(() => {
    if (!cycling || counties.length === 0) return;
    const id = setInterval(() => setCycleIndex((i) => (i + 1) % counties.length), CYCLE_MS);
    return () => clearInterval(id);
  }, [cycling, counties.length]);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  const toggleCycle = () =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (cycling) p.delete('cycle');
        else p.set('cycle', '1');
        return p;
      },
      { replace: true },
    );

  const cat = catalog.data;
  const d = dash.data;
  const indicatorId = indicatorParam && cat?.indicators.some((m) => m.id === indicatorParam) ? indicatorParam : cat?.defaultIndicator;
  const meta = cat?.indicators.find((m) => m.id === indicatorId) ?? cat?.indicators[0];
  const keyMetas = (cat?.indicators ?? []).filter((m) => m.key);
  const figures = new Map((d?.figures ?? []).map((f) => [f.id, f]));
  const error = catalog.error ?? dash.error;
  const childKey = d ? LEVEL_CHILD[d.region.level] : undefined;
  const backHref = `/command?region=${encodeURIComponent(scope)}`;

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#1f8fff' } }}>
      <div className="fp-wall" data-testid="wall">
        <div
          className="fp-wall-stage"
          style={{
            width: W,
            height: H,
            transform: `scale(${scale})`,
            left: (window.innerWidth - W * scale) / 2,
            top: (window.innerHeight - H * scale) / 2,
          }}
        >
          <header className="fp-wall-header">
            <Clock />
            <div className="fp-wall-title">
              <h1 data-testid="wall-title">{t('cmd.wall.title', { name: d?.region.path[0]?.name ?? me.scope.name })}</h1>
              <div className="fp-wall-subtitle">
                {d && (
                  <>
                    <span data-testid="wall-region">{d.region.path.map((p) => p.name).join(' · ')}</span>
                    <span> · {t('cmd.asOf', { month: monthLabel(d.month, lang) })}</span>
                    {cycling && counties.length > 0 && (
                      <span className="fp-wall-cycle">
                        {' '}
                        · {t('cmd.wall.cycling', { i: (cycleIndex % counties.length) + 1, n: counties.length })}
                      </span>
                    )}
                  </>
                )}
              </div>
            </div>
            <Space className="fp-wall-tools" size={8}>
              <LanguageSwitch />
              {showMap && (
                <Tooltip title={cycling ? t('cmd.wall.stopCycle') : t('cmd.wall.startCycle')}>
                  <Button icon={cycling ? <PauseOutlined /> : <PlayCircleOutlined />} onClick={toggleCycle} data-testid="wall-cycle" />
                </Tooltip>
              )}
              <Button
                icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
                onClick={toggleFullscreen}
                data-testid="wall-fullscreen"
              >
                {fullscreen ? t('cmd.wall.exitFullscreen') : t('cmd.wall.fullscreen')}
              </Button>
              <Link to={backHref} data-testid="wall-back">
                <Button icon={<ArrowLeftOutlined />}>{t('cmd.wall.back')}</Button>
              </Link>
            </Space>
          </header>

          {error ? (
            <div className="fp-wall-center-msg">{errorMessage(error)}</div>
          ) : !cat || !d || !meta ? (
            <div className="fp-wall-center-msg">
              <Spin size="large" />
            </div>
          ) : (
            <main className="fp-wall-main">
              <div className="fp-wall-col">
                <Panel title={t('cmd.wall.figures')} testId="wall-figures">
                  <div className="fp-wall-figures">
                    {keyMetas.slice(0, 8).map((m) => {
                      const f = figures.get(m.id);
                      const ch = f ? changeOf(f.value, f.previous, m) : null;
                      return (
                        <div key={m.id} className="fp-wall-figure" data-testid={`wall-figure-${m.id}`}>
                          <div className="fp-wall-figure-name">{m.name}</div>
                          <div className="fp-wall-figure-value" style={{ color: f?.status ? STATUS_COLOR[f.status] : undefined }}>
                            {formatValue(f?.value, m, lang)}
                            {f?.value !== null && f?.value !== undefined && <small>{m.unit}</small>}
                          </div>
                          <div className={`fp-wall-figure-change ${ch?.good === true ? 'good' : ch?.good === false ? 'bad' : ''}`}>
                            {ch && ch.delta !== 0 ? `${ch.delta > 0 ? '▲' : '▼'} ${formatValue(Math.abs(ch.delta), m, lang)}` : '—'}
                            <span> {t('cmd.fig.vsPrevious')}</span>
                          </div>
                        </div>
                      );
                    })}
                  </div>
                </Panel>
                <Panel title={t('cmd.trend.title')} className="fp-wall-grow">
                  <TrendCharts
                    trend={d.trend}
                    metas={[meta.trend ? meta : (cat.indicators.find((m) => m.trend) ?? meta)]}
                    dark
                    height={215}
                    span={24}
                  />
                </Panel>
              </div>

              <div className="fp-wall-col fp-wall-col-center">
                <Panel
                  title={
                    showMap
                      ? t('cmd.map.title', { indicator: meta.name })
                      : t('cmd.rankBars.title', { level: t(`cmd.child.${childKey ?? 'village'}` as MessageKey), indicator: meta.name })
                  }
                  className="fp-wall-grow"
                  testId="wall-map"
                >
                  {showMap ? (
                    geo.data && mapValues.data ? (
                      <RegionMap
                        geo={geo.data}
                        items={mapValues.data.items}
                        meta={meta}
                        tooltipMetas={keyMetas.slice(0, 4)}
                        cityCode={scopeLevel === 2 ? scope : undefined}
                        highlight={focus !== scope ? focus : undefined}
                        dark
                        height={800}
                        testId="wall-map-canvas"
                      />
                    ) : (
                      <Spin />
                    )
                  ) : (
                    <RankBars rows={d.children} meta={meta} dark limit={24} height={800} />
                  )}
                </Panel>
              </div>

              <div className="fp-wall-col">
                <Panel
                  title={
                    d.children.length
                      ? t('cmd.wall.ranking', { level: t(`cmd.child.${childKey ?? 'village'}` as MessageKey), indicator: meta.name })
                      : t('cmd.wall.noChildren')
                  }
                  className="fp-wall-grow"
                  testId="wall-ranking"
                >
                  {d.children.length > 0 && <RankBars rows={d.children} meta={meta} dark limit={12} height={470} testId="wall-rank-bars" />}
                </Panel>
                <Panel title={t('cmd.alert.title')} testId="wall-alerts">
                  <div className="fp-wall-alert-sums">
                    {d.alerts.map((a) => (
                      <div key={a.rule} className={`fp-wall-alert-sum sev-${a.severity}`}>
                        <span className="fp-wall-alert-name">{a.name}</span>
                        <span className="fp-wall-alert-count">{(a.count - a.acknowledged).toLocaleString()}</span>
                      </div>
                    ))}
                    {d.alerts.length === 0 && <div className="fp-wall-muted">{t('cmd.alert.noneAtAll')}</div>}
                  </div>
                </Panel>
              </div>
            </main>
          )}

          <footer className="fp-wall-ticker" data-testid="wall-ticker">
            <span className="fp-wall-ticker-label">{t('cmd.wall.ticker')}</span>
            <Ticker items={alerts.data?.items ?? []} />
          </footer>
        </div>
      </div>
    </ConfigProvider>
  );
}

function Ticker({ items }: { items: AlertItem[] }) {
  const { t } = useI18n();
  if (!items.length) return <div className="fp-wall-ticker-track fp-wall-muted">{t('cmd.alert.noneAtAll')}</div>;
  const text = items.map((a) => `【${a.region.name}】${a.what}`);
  const seconds = Math.max(30, text.join('').length * 0.28);
  return (
    <div className="fp-wall-ticker-track">
      {/* The list twice over, moved by half its width: an endless loop that starts full. */}
      <div className="fp-wall-ticker-move" style={{ animationDuration: `${seconds}s` }}>
        {[...text, ...text].map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list for one render
          <span key={i} className={`fp-wall-ticker-item sev-${items[i % items.length]?.severity}`}>
            {s}
          </span>
        ))}
      </div>
    </div>
  );
}

import { useMemo, useRef } from 'react';
import type { ChildRow, CountyGeo, IndicatorMeta } from '../../api/command';
import { useI18n } from '../../i18n';
import { registerScopeMap } from './echarts';
import { formatWithUnit } from './format';
import { useChart } from './useChart';

// Low to high values; reversed when higher is better, so "bad" is always the deep red end.
const BAD_HIGH = ['#f0f9e8', '#fee8a6', '#fdae61', '#e34a33', '#a50f15'];
const BAD_HIGH_DARK = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];
// Neither good nor bad: one hue.
const NEUTRAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const NEUTRAL_DARK = ['#123a6b', '#1d5fa0', '#2f86d0', '#5fb0f0', '#a8dcff'];

export interface RegionMapProps {
  geo: CountyGeo;
  /** One row per county of the scope (GET /api/command/map). */
  items: ChildRow[];
  meta: IndicatorMeta;
  /** Extra indicators named in the tooltip. */
  tooltipMetas?: IndicatorMeta[];
  /** Show only this city's counties. */
  cityCode?: string;
  /** A county to outline (the wall's cycle). */
  highlight?: string;
  onPick?: (code: string) => void;
  dark?: boolean;
  height?: number | string;
  testId?: string;
}

/** The counties of the province (or of one city) coloured by one indicator; a click names the county. */
export default function RegionMap({
  geo,
  items,
  meta,
  tooltipMetas = [],
  cityCode,
  highlight,
  onPick,
  dark,
  height = 480,
  testId = 'command-map',
}: RegionMapProps) {
  const { t, lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const option = useMemo(() => {
    const mapName = registerScopeMap(geo, cityCode);
    const byCode = new Map(items.map((r) => [r.code, r]));
    const names = new Map(geo.features.map((f) => [f.properties.code, f.properties.name]));
    const values = items.map((r) => r.values[meta.id]).filter((v): v is number => typeof v === 'number');
    let min = values.length ? Math.min(...values) : 0;
    let max = values.length ? Math.max(...values) : 1;
    if (max - min < 1e-9) {
      min = Math.min(0, min);
      max = min + (max > 0 ? max : 1);
    }
    const palette = dark ? BAD_HIGH_DARK : BAD_HIGH;
    const colors = meta.better === 'neutral' ? (dark ? NEUTRAL_DARK : NEUTRAL) : meta.better === 'lower' ? palette : [...palette].reverse();
    const text = dark ? '#e6f1ff' : '#333';
    const showLabels = Boolean(cityCode);
    return {
      backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { name: string }) => {
          const row = byCode.get(p.name);
          const name = names.get(p.name) ?? row?.name ?? p.name;
          const lines = [
            `<b style="font-size:14px">${name}</b>${row?.isPovertyCounty ? ` <span style="color:#cf1322">${t('cmd.povertyCountyShort')}</span>` : ''}`,
          ];
          const metas = [meta, ...tooltipMetas.filter((m) => m.id !== meta.id)];
          if (row && !row.hasData) lines.push(`<span style="color:#999">${t('cmd.noData')}</span>`);
          else
            for (const m of metas) {
              const v = row?.values[m.id];
              const strong = m.id === meta.id;
              lines.push(`${m.name}：${strong ? '<b>' : ''}${formatWithUnit(v, m, lang)}${strong ? '</b>' : ''}`);
            }
          lines.push(`<span style="color:#999">${t('cmd.map.clickToDrill')}</span>`);
          return lines.join('<br/>');
        },
      },
      visualMap: {
        type: 'continuous',
        min,
        max,
        left: 12,
        bottom: 12,
        itemHeight: 120,
        calculable: true,
        precision: meta.format === 'percent' ? 1 : 0,
        text: [t('cmd.map.high'), t('cmd.map.low')],
        textStyle: { color: text },
        inRange: { color: colors },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          aspectScale: 0.82,
          selectedMode: false,
          label: {
            show: showLabels,
            color: dark ? '#fff' : '#222',
            fontSize: dark ? 14 : 11,
            formatter: (p: { name: string }) => names.get(p.name) ?? p.name,
          },
          itemStyle: { borderColor: dark ? 'rgba(120,200,255,0.65)' : '#fff', borderWidth: 0.8, areaColor: dark ? '#12305a' : '#eee' },
          emphasis: {
            label: { show: true, color: dark ? '#fff' : '#000', formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
            itemStyle: { areaColor: dark ? '#ffd666' : '#ffd666', borderColor: '#333', borderWidth: 1.2 },
          },
          data: items.map((r) => ({
            name: r.code,
            value: r.values[meta.id] ?? undefined,
            ...(highlight === r.code
              ? {
                  itemStyle: { borderColor: '#ffd700', borderWidth: 3, shadowColor: '#ffd700', shadowBlur: 12 },
                  label: { show: true, fontSize: 18, fontWeight: 'bold' },
                }
              : {}),
          })),
        },
      ],
    };
  }, [geo, items, meta, tooltipMetas, cityCode, highlight, dark, t, lang]);

  useChart(el, option as never, (p) => {
    if (p.componentType === 'series' && p.name && onPick) onPick(p.name);
  });
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}

// The county outline with its villages' points (ECharts geo + scatter). A click on the map gives WGS-84 degrees for
// the selected village; a click on a point selects its village. Only the components this map needs are loaded.
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { CountyGeo } from '../../api/command';
import type { VillagePoint } from '../../api/points';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

const registered = new Set<string>();
function registerCounties(geo: CountyGeo, prefix: string): string {
  const name = `points-${prefix}`;
  if (!registered.has(name)) {
    const features = geo.features.filter((f) => f.properties.code.startsWith(prefix));
    // biome-ignore lint/suspicious/noExplicitAny: echarts' GeoJSON type is its own, structurally the same
    echarts.registerMap(name, { type: 'FeatureCollection', features } as any);
    registered.add(name);
  }
  return name;
}

const COLOURS: Record<string, string> = { imported: '#1677ff', edited: '#389e0d', approximate: '#fa8c16' };

export interface PointsMapProps {
  geo: CountyGeo;
  /** The region whose counties are drawn (a county code, or a city's prefix). */
  prefix: string;
  villages: VillagePoint[];
  selected: string | null;
  /** A point about to be saved (shown in red). */
  pending: { lon: number; lat: number } | null;
  onMapClick: (lon: number, lat: number) => void;
  onPointClick: (villageCode: string) => void;
  height?: number;
}

export function PointsMap({ geo, prefix, villages, selected, pending, onMapClick, onPointClick, height = 420 }: PointsMapProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onMapClick, onPointClick });
  handlers.current = { onMapClick, onPointClick };
  const mapName = useMemo(() => registerCounties(geo, prefix), [geo, prefix]);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    // Reachable from browser tests: convertToPixel({ geoIndex: 0 }, [lon, lat]) says where a place is on screen.
    (node as HTMLDivElement & { fpChart?: echarts.ECharts }).fpChart = c;
    let pointHit = false;
    c.on('click', (p) => {
      const code = (p.data as { code?: string } | undefined)?.code;
      if (code) {
        pointHit = true;
        handlers.current.onPointClick(code);
      }
    });
    c.getZr().on('click', (e) => {
      if (pointHit) {
        pointHit = false;
        return;
      }
      const at = c.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1]))
        handlers.current.onMapClick(round6(at[0] as number), round6(at[1] as number));
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const data = villages
      .filter((v) => v.point)
      .map((v) => ({
        name: v.villageName,
        code: v.villageCode,
        value: [v.point?.lon, v.point?.lat],
        itemStyle: {
          color: COLOURS[v.point?.source ?? 'imported'],
          borderColor: v.villageCode === selected ? '#000' : '#fff',
          borderWidth: v.villageCode === selected ? 2 : 1,
        },
        symbolSize: v.villageCode === selected ? 14 : 8,
      }));
    chart.current?.setOption(
      {
        tooltip: { trigger: 'item', confine: true, formatter: (p: { name: string }) => p.name },
        geo: {
          map: mapName,
          nameProperty: 'code',
          roam: true,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          aspectScale: 0.78,
          label: { show: false },
          itemStyle: { areaColor: '#f3f6fa', borderColor: '#8aa0b8' },
          emphasis: { disabled: true },
          tooltip: { show: false },
        },
        series: [
          { type: 'scatter', coordinateSystem: 'geo', data, zlevel: 1 },
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            data: pending ? [{ value: [pending.lon, pending.lat], name: '', itemStyle: { color: '#cf1322' }, symbolSize: 16 }] : [],
            symbol: 'pin',
            zlevel: 2,
            silent: true,
          },
        ],
      },
      { notMerge: false, replaceMerge: ['series'] },
    );
  }, [villages, selected, pending, mapName]);

  return <div ref={el} data-testid="points-map" style={{ width: '100%', height }} />;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

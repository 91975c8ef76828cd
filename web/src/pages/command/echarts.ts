// The one echarts instance of the command centre: only the charts and components its pages use, so the
// first view carries a fraction of the full library.
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { CountyGeo } from '../../api/command';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

export { echarts };

const registered = new Set<string>();

/**
 * Register the county map for a scope: the whole province ('liaoning'), or one city's counties
 * ('liaoning-2113'). Features are named by code (two counties share the name 铁西区).
 */
export function registerScopeMap(geo: CountyGeo, cityCode?: string): string {
  const name = cityCode ? `liaoning-${cityCode}` : 'liaoning';
  if (!registered.has(name)) {
    const features = cityCode ? geo.features.filter((f) => f.properties.city === cityCode) : geo.features;
    // biome-ignore lint/suspicious/noExplicitAny: echarts' GeoJSON type is its own, structurally the same
    echarts.registerMap(name, { type: 'FeatureCollection', features } as any);
    registered.add(name);
  }
  return name;
}

import { type RefObject, useEffect, useRef } from 'react';
import { echarts } from './echarts';

type Option = Parameters<echarts.ECharts['setOption']>[0];
export type ChartClick = (params: { name?: string; data?: unknown; seriesType?: string; componentType?: string }) => void;

/**
 * One echarts instance on `ref` for the component's life: options replaced whenever `option` changes,
 * resized with its box, disposed on unmount. `onClick` may change without re-creating the chart.
 */
export function useChart(ref: RefObject<HTMLDivElement | null>, option: Option | null, onClick?: ChartClick, theme?: 'dark') {
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, theme, { renderer: 'canvas' });
    chart.current = c;
    // Reachable from the page (browser tests, the console): the element's chart, e.g. for convertToPixel.
    (el as HTMLDivElement & { fpChart?: echarts.ECharts }).fpChart = c;
    c.on('click', (p) => click.current?.(p as Parameters<ChartClick>[0]));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [ref, theme]);

  useEffect(() => {
    if (chart.current && option) chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return chart;
}

import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { regions } from '../api/endpoints';
import type { Region } from '../api/types';
import { EmptyState, ErrorState, PageLoading } from '../components/States';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/useAsync';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

interface Bar {
  code: string;
  name: string;
  villages: number;
}

/** Village counts of the child regions: a county's townships carry it as childCount, higher levels ask the summary. */
async function loadBars(region: Region): Promise<Bar[]> {
  const kids = await regions.children(region.code);
  if (region.level >= 3) return kids.map((k) => ({ code: k.code, name: k.name, villages: k.childCount }));
  const sums = await Promise.all(kids.map((k) => regions.summary(k.code)));
  return kids.map((k, i) => ({ code: k.code, name: k.name, villages: sums[i]?.counts.village ?? 0 }));
}

export default function ChildChart({ region, onPick }: { region: Region; onPick?: (code: string) => void }) {
  const { t, lang } = useI18n();
  const bars = useAsync(() => loadBars(region), [region.code, lang]);
  const el = useRef<HTMLDivElement>(null);
  const data = bars.data;

  useEffect(() => {
    if (!el.current || !data?.length) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const sorted = [...data].sort((a, b) => b.villages - a.villages);
    chart.setOption({
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: sorted.map((b) => b.name),
        axisLabel: { interval: 0, rotate: sorted.length > 8 ? 45 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', name: t('home.villages'), minInterval: 1, nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          name: t('home.villages'),
          data: sorted.map((b) => ({ value: b.villages, code: b.code })),
          itemStyle: { color: '#c8102e', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 28,
        },
      ],
    });
    chart.on('click', (p) => {
      const code = (p.data as { code?: string } | undefined)?.code;
      if (code) onPick?.(code);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data, t, onPick]);

  if (bars.error) return <ErrorState error={bars.error} onRetry={bars.reload} />;
  if (!data) return <PageLoading rows={4} />;
  if (!data.length) return <EmptyState description={t('home.childChartEmpty')} />;
  return <div ref={el} style={{ width: '100%', height: 340 }} data-testid="child-chart-canvas" />;
}

import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { EmptyState } from '../components/States';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface IncomeChartProps {
  incomes: { year: number; perCapita: number }[];
  povertyLine: number;
  registerYear: number;
}

/** Per-capita net income by year against the poverty line of the register year (a dashed line). */
export default function IncomeChart({ incomes, povertyLine, registerYear }: IncomeChartProps) {
  const { t, lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current || !incomes.length) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const sorted = [...incomes].sort((a, b) => a.year - b.year);
    const lineName = t('reg.d.povertyLine', { year: registerYear });
    const max = Math.max(povertyLine, ...sorted.map((i) => i.perCapita));
    chart.setOption({
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number) => `${formatNumber(Number(v), lang)} ${t('reg.unit.yuan')}`,
      },
      legend: { top: 0, data: [t('reg.d.income'), lineName] },
      xAxis: { type: 'category', boundaryGap: false, data: sorted.map((i) => String(i.year)) },
      yAxis: { type: 'value', name: t('reg.unit.yuan'), max: Math.ceil((max * 1.15) / 500) * 500, nameTextStyle: { align: 'right' } },
      series: [
        {
          type: 'line',
          name: t('reg.d.income'),
          data: sorted.map((i) => i.perCapita),
          symbolSize: 7,
          itemStyle: { color: '#1677ff' },
          areaStyle: { color: 'rgba(22,119,255,0.08)' },
          label: {
            show: sorted.length <= 6,
            position: 'top',
            fontSize: 11,
            formatter: (p: { value: number }) => formatNumber(Number(p.value), lang),
          },
        },
        {
          // An empty series that only carries the poverty line, so the legend can name it.
          type: 'line',
          name: lineName,
          data: [],
          itemStyle: { color: '#c8102e' },
          lineStyle: { type: 'dashed' },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#c8102e', type: 'dashed', width: 1.5 },
            label: { formatter: formatNumber(povertyLine, lang), position: 'insideEndTop', color: '#c8102e' },
            data: [{ yAxis: povertyLine }],
          },
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [incomes, povertyLine, registerYear, t, lang]);

  if (!incomes.length) return <EmptyState description={t('reg.d.noIncome')} />;
  return <div ref={el} style={{ width: '100%', height: 260 }} data-testid="income-chart-canvas" />;
}

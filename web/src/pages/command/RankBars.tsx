import { useMemo, useRef } from 'react';
import type { ChildRow, IndicatorMeta } from '../../api/command';
import { useI18n } from '../../i18n';
import { compareNullable, formatWithUnit, STATUS_COLOR, worstFirst } from './format';
import { useChart } from './useChart';

const barColor = (r: ChildRow, id: string) => {
  const s = r.status[id];
  return s ? STATUS_COLOR[s] : '#4e7ac7';
};

export interface RankBarsProps {
  rows: ChildRow[];
  meta: IndicatorMeta;
  onPick?: (code: string) => void;
  dark?: boolean;
  /** At most this many bars (the worst first); all when omitted. */
  limit?: number;
  height?: number;
  testId?: string;
}

/** Children ranked on one indicator as horizontal bars, worst at the top, coloured by status. */
export default function RankBars({ rows, meta, onPick, dark, limit, height, testId = 'command-rank-bars' }: RankBarsProps) {
  const { t, lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const sorted = useMemo(() => {
    const dir = worstFirst(meta);
    const s = [...rows].sort((a, b) => dir * compareNullable(a.values[meta.id], b.values[meta.id]));
    const withValues = s.filter((r) => r.values[meta.id] !== null && r.values[meta.id] !== undefined);
    const rest = s.filter((r) => r.values[meta.id] === null || r.values[meta.id] === undefined);
    const all = [...withValues, ...rest];
    return limit ? all.slice(0, limit) : all;
  }, [rows, meta, limit]);
  const h = height ?? Math.max(260, sorted.length * 26 + 40);
  const option = useMemo(() => {
    const text = dark ? '#dbe8ff' : '#333';
    const data = [...sorted].reverse(); // echarts draws the first category at the bottom
    return {
      backgroundColor: 'transparent',
      grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => formatWithUnit(v, meta, lang),
      },
      xAxis: { type: 'value', axisLabel: { color: text }, splitLine: { lineStyle: { color: dark ? 'rgba(255,255,255,0.08)' : '#eee' } } },
      yAxis: {
        type: 'category',
        data: data.map((r) => r.name),
        axisLabel: { color: text, fontSize: dark ? 15 : 12, width: 110, overflow: 'truncate' },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: meta.name,
          barMaxWidth: 18,
          data: data.map((r) => ({
            value: r.values[meta.id] ?? null,
            code: r.code,
            noData: !r.hasData,
            itemStyle: { color: barColor(r, meta.id), borderRadius: [0, 3, 3, 0] },
          })),
          label: {
            show: true,
            position: 'right',
            color: text,
            fontSize: dark ? 14 : 11,
            // No data is not zero: said in words, and the bar is absent rather than short.
            formatter: (p: { value: number | null; data?: { noData?: boolean } }) =>
              p.data?.noData ? t('cmd.noData') : formatWithUnit(p.value, meta, lang),
          },
        },
      ],
    };
  }, [sorted, meta, dark, lang, t]);
  useChart(el, option as never, (p) => {
    const code = (p.data as { code?: string } | undefined)?.code;
    if (code && onPick) onPick(code);
  });
  return <div ref={el} style={{ width: '100%', height: h }} data-testid={testId} />;
}

import { Col, Row, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import type { Dashboard, IndicatorMeta } from '../../api/command';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatValue, formatWithUnit, monthTick, unitParen } from './format';
import { useChart } from './useChart';

const COLORS = ['#c8102e', '#1677ff', '#389e0d', '#d46b08', '#722ed1', '#08979c', '#eb2f96', '#7cb305'];

function Trend({
  months,
  values,
  meta,
  color,
  dark,
  height,
}: {
  months: string[];
  values: (number | null)[];
  meta: IndicatorMeta;
  color: string;
  dark?: boolean;
  height: number;
}) {
  const { lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const option = useMemo(() => {
    const text = dark ? '#b8c7e0' : '#666';
    return {
      backgroundColor: 'transparent',
      grid: { left: 6, right: 40, top: 14, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatWithUnit(v, meta, lang) },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: months.map((m) => monthTick(m, lang)),
        axisLabel: { color: text, fontSize: 11 },
        axisLine: { lineStyle: { color: dark ? '#3a4d6b' : '#ccc' } },
      },
      yAxis: {
        type: 'value',
        // Anchored at zero: a change of a few households must not look like a collapse (decision 0007).
        min: 0,
        // Households and persons come in whole numbers.
        minInterval: meta.format === 'count' ? 1 : undefined,
        axisLabel: { color: text, fontSize: 11 },
        splitLine: { lineStyle: { color: dark ? 'rgba(255,255,255,0.08)' : '#f0f0f0' } },
      },
      series: [
        {
          type: 'line',
          name: meta.name,
          data: values,
          smooth: true,
          symbolSize: 5,
          connectNulls: true,
          itemStyle: { color },
          lineStyle: { width: 2 },
          areaStyle: { color, opacity: 0.08 },
          ...(meta.target !== null
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: '#999', type: 'dashed' },
                  label: { formatter: formatValue(meta.target, meta, lang), position: 'insideEndTop', color: text, fontSize: 10 },
                  data: [{ yAxis: meta.target }],
                },
              }
            : {}),
        },
      ],
    };
  }, [months, values, meta, color, dark, lang]);
  useChart(el, option as never);
  return <div ref={el} style={{ width: '100%', height }} />;
}

/** One small line chart per charted indicator (catalog `trend`), month by month. */
export default function TrendCharts({
  trend,
  metas,
  dark,
  height = 170,
  span = 12,
}: {
  trend: Dashboard['trend'];
  metas: IndicatorMeta[];
  dark?: boolean;
  height?: number;
  span?: number;
}) {
  const { t, lang } = useI18n();
  const series = metas
    .filter((m) => m.trend)
    .map((m) => ({ meta: m, values: trend.series.find((s) => s.id === m.id)?.values }))
    .filter((s): s is { meta: IndicatorMeta; values: (number | null)[] } => Boolean(s.values));
  if (!trend.months.length || !series.length) return <EmptyState description={t('cmd.trend.empty')} />;
  return (
    <Row gutter={[16, 12]} data-testid="command-trends">
      {series.map((s, i) => (
        <Col key={s.meta.id} xs={24} md={span}>
          <Typography.Text strong style={dark ? { color: '#dbe8ff' } : undefined}>
            {s.meta.name}
            {s.meta.unit && (
              <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 4 }}>
                {unitParen(s.meta.unit, lang)}
              </Typography.Text>
            )}
          </Typography.Text>
          <Trend
            months={trend.months}
            values={s.values}
            meta={s.meta}
            color={COLORS[i % COLORS.length] ?? '#c8102e'}
            dark={dark}
            height={height}
          />
        </Col>
      ))}
    </Row>
  );
}

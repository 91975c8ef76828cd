import { Col, Row, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import type { Breakdown, ListLink } from '../../api/command';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';
import { useChart } from './useChart';

const PALETTE = ['#c8102e', '#fa8c16', '#fadb14', '#52c41a', '#13c2c2', '#1677ff', '#722ed1', '#eb2f96', '#8c8c8c', '#a0d911'];

function BreakdownChart({ b, dark, onOpen }: { b: Breakdown; dark?: boolean; onOpen?: (link: ListLink) => void }) {
  const { lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const pie = b.items.length <= 6;
  const option = useMemo(() => {
    const text = dark ? '#dbe8ff' : '#555';
    const fmt = (v: number) => v.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN');
    if (pie) {
      return {
        color: PALETTE,
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string; value: number; percent: number }) => `${p.name}：${fmt(p.value)}（${p.percent}%）`,
        },
        legend: { type: 'scroll', orient: 'horizontal', left: 'center', bottom: 0, textStyle: { color: text, fontSize: 11 } },
        series: [
          {
            type: 'pie',
            radius: ['40%', '66%'],
            center: ['50%', '44%'],
            avoidLabelOverlap: true,
            label: { show: false },
            data: b.items.map((i) => ({ name: i.label, value: i.value })),
          },
        ],
      };
    }
    return {
      color: PALETTE,
      grid: { left: 6, right: 40, top: 6, bottom: 6, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => fmt(v) },
      xAxis: { type: 'value', axisLabel: { color: text, fontSize: 11 }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: b.items.map((i) => i.label),
        axisLabel: { color: text, fontSize: 12 },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: b.items.map((i, k) => ({ value: i.value, itemStyle: { color: PALETTE[k % PALETTE.length], borderRadius: [0, 3, 3, 0] } })),
          label: { show: true, position: 'right', fontSize: 11, color: text, formatter: (p: { value: number }) => fmt(p.value) },
        },
      ],
    };
  }, [b, pie, dark, lang]);
  // A segment opens the households behind it (the item's list), when the page offers lists.
  useChart(el, option as never, (p) => {
    const item = b.items.find((i) => i.label === p.name);
    if (item?.list && onOpen) onOpen(item.list);
  });
  const height = pie ? 250 : Math.max(220, b.items.length * 24 + 20);
  return <div ref={el} style={{ width: '100%', height, cursor: onOpen ? 'pointer' : undefined }} data-testid={`breakdown-${b.id}`} />;
}

/**
 * The breakdowns of the scope (by cause, by category, income bands…): a ring when few, bars when many. With `onOpen`,
 * a click on a segment opens the list behind it.
 */
export default function BreakdownCharts({ breakdowns, onOpen }: { breakdowns: Breakdown[]; onOpen?: (link: ListLink) => void }) {
  const { t } = useI18n();
  const shown = breakdowns.filter((b) => b.items.some((i) => i.value > 0));
  if (!shown.length) return <EmptyState description={t('cmd.breakdown.empty')} />;
  return (
    <Row gutter={[16, 16]} data-testid="command-breakdowns">
      {shown.map((b) => (
        <Col key={b.id} xs={24} md={12} xl={8}>
          <Typography.Text strong>{b.name}</Typography.Text>
          <BreakdownChart b={b} onOpen={onOpen} />
        </Col>
      ))}
    </Row>
  );
}

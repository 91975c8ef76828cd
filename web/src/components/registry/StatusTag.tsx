import { Tag } from 'antd';

const COLORS: Record<string, string> = {
  poor: 'red',
  returned: 'magenta',
  monitored: 'gold',
  exited: 'green',
};

/** A household status (poor / exited / returned / monitored) as a coloured tag. */
export function StatusTag({ status, label, testId }: { status: string; label?: string | null; testId?: string }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {label || status}
    </Tag>
  );
}

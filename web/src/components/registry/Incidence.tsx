import { Typography } from 'antd';

/** Poverty incidence at or above this percent keeps a village from exiting (DOMAIN.md §4.1, a setting; 2% here). */
export const INCIDENCE_THRESHOLD = 2;

export function Incidence({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const high = value >= INCIDENCE_THRESHOLD;
  return (
    <Typography.Text type={high ? 'danger' : 'success'} strong={high} data-testid="incidence">
      {value.toFixed(2)}%
    </Typography.Text>
  );
}

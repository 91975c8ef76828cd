import { Button, Checkbox, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

/** The households list's selection: how many are picked, 指定帮扶责任人, clear. Nothing while none is picked. */
export function SelectionBar({ count, onAssign, onClear }: { count: number; onAssign: () => void; onClear: () => void }) {
  const { t } = useI18n();
  if (count === 0) return null;
  return (
    <div className="fp-selection-bar" data-testid="households-selection">
      <Typography.Text strong>{t('hlp.sel.count', { count })}</Typography.Text>
      <Space wrap>
        <Button type="primary" onClick={onAssign} data-testid="households-assign-helper">
          {t('hlp.sel.assign')}
        </Button>
        <Button onClick={onClear}>{t('hlp.sel.clear')}</Button>
      </Space>
    </div>
  );
}

/** A phone card with a selection box beside it (the card's own click still opens the household). */
export function SelectableCard({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
      <Checkbox
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-label={t('hlp.sel.selectRow')}
        data-testid="household-select"
        style={{ paddingTop: 2 }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
    </div>
  );
}

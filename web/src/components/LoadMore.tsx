import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

/** The footer of a keyset list: how many rows are loaded, and "load more" while the server has a next page. */
export function LoadMore({
  count,
  hasMore,
  loading,
  onMore,
  testId,
  countTestId,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  testId: string;
  countTestId?: string;
}) {
  const { t, lang } = useI18n();
  if (count === 0) return null;
  return (
    <Space>
      <Typography.Text type="secondary" data-testid={countTestId}>
        {t('common.loadedCount', { count: formatNumber(count, lang) })}
      </Typography.Text>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid={testId}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">· {t('common.noMore')}</Typography.Text>
      )}
    </Space>
  );
}

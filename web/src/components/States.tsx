import { Button, Card, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { useI18n } from '../i18n';

/** A card-shaped skeleton: what a page shows while its data loads. */
export function PageLoading({ rows = 6 }: { rows?: number }) {
  return (
    <Card data-testid="page-loading">
      <Skeleton active paragraph={{ rows }} />
    </Card>
  );
}

/** A failed load: 403 / 404 / anything else, with a retry button. */
export function ErrorState({ error, onRetry, extra }: { error: unknown; onRetry?: () => void; extra?: ReactNode }) {
  const { t } = useI18n();
  const status = isApiError(error) ? error.status : 0;
  if (status === 403) {
    return <Result status="403" title={t('state.forbidden')} subTitle={errorMessage(error)} data-testid="state-forbidden" extra={extra} />;
  }
  return (
    <Result
      status={status === 404 ? '404' : 'error'}
      title={status === 404 ? t('state.notFound') : t('state.error')}
      subTitle={errorMessage(error)}
      data-testid="state-error"
      extra={
        <>
          {onRetry && (
            <Button type="primary" onClick={onRetry} data-testid="retry">
              {t('common.retry')}
            </Button>
          )}
          {extra}
        </>
      }
    />
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useI18n();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('state.empty')} />;
}

import { Button, Result } from 'antd';
import { useMe } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useCurrentRegion } from '../lib/useRegion';

/** Shown when ?region= names a region that does not exist or lies outside the user's scope (the API answers 404). */
export function RegionNotFound({ code }: { code: string }) {
  const { t } = useI18n();
  const me = useMe();
  const { setCode } = useCurrentRegion();
  return (
    <Result
      status="404"
      title={t('regions.notFound')}
      subTitle={t('regions.notFoundSub', { code })}
      data-testid="region-not-found"
      extra={
        <Button type="primary" onClick={() => setCode(me.scope.code)}>
          {t('regions.backToScope', { name: me.scope.name })}
        </Button>
      }
    />
  );
}

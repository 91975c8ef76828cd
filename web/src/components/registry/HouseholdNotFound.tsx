import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n';
import { useRegionLink } from '../../lib/useRegion';

/** A household id that does not exist or lies outside the user's scope (the API answers 404 for both). */
export function HouseholdNotFound({ id }: { id: Id }) {
  const { t } = useI18n();
  const link = useRegionLink();
  return (
    <Result
      status="404"
      title={t('reg.d.notFound')}
      subTitle={t('reg.d.notFoundSub', { id: String(id) })}
      data-testid="household-not-found"
      extra={
        <Link to={link('/registry/households')}>
          <Button type="primary">{t('reg.d.backToList')}</Button>
        </Link>
      }
    />
  );
}

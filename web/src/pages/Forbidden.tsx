import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';

export default function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('state.forbidden')}
      subTitle={t('state.forbiddenSub')}
      data-testid="page-forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

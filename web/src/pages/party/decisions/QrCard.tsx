import { Button, Card, Space, Typography } from 'antd';
import { publicPage } from '../../../api/partyDecisions';
import { useI18n } from '../../../i18n';

/** The village's public disclosure QR code, to print and post (county and township users). */
export function QrCard({ village }: { village: string }) {
  const { t } = useI18n();
  const path = publicPage(village);
  return (
    <Card size="small" title={t('pd.qr.title')} data-testid="decision-qr">
      <Space align="start" wrap>
        <img src={`${path}/qr.svg`} alt={t('pd.qr.title')} width={132} height={132} data-testid="decision-qr-img" />
        <Space orientation="vertical" size={6}>
          <Typography.Text type="secondary" style={{ maxWidth: 260, display: 'block' }}>
            {t('pd.qr.caption')}
          </Typography.Text>
          <Space wrap>
            <Button href={`${path}/qr`} target="_blank" rel="noopener" data-testid="decision-qr-print">
              {t('pd.qr.print')}
            </Button>
            <Button href={`${path}/qr.png`} download={`${village}-qr.png`}>
              {t('pd.qr.png')}
            </Button>
            <Button type="link" href={path} target="_blank" rel="noopener" data-testid="decision-public-link">
              {t('pd.qr.open')}
            </Button>
          </Space>
        </Space>
      </Space>
    </Card>
  );
}

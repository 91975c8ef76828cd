import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type HouseholdDetail, registry } from '../../api/registry';
import { HouseholdNotFound } from '../../components/registry/HouseholdNotFound';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { FileSheet } from './detail/FileSheet';
import './household-file.css';

/**
 * The print view of the one-household file (一户一档): one household (`households/:id/print`) or every household of
 * a village (`files/:village`), an A4 sheet each and a page break between them; the same as PDF from the server.
 */
export default function HouseholdFilePrint() {
  const { t, lang } = useI18n();
  const { id, village } = useParams();
  const link = useRegionLink();
  const files = useAsync<{ title: string; items: HouseholdDetail[]; pdf: string; back: string }>(async () => {
    if (id !== undefined) {
      const h = await registry.household(id);
      return {
        title: `${t('reg.p.title')} · ${h.householdNo}`,
        items: [h],
        pdf: registry.filePdfUrl(id),
        back: `/registry/households/${encodeURIComponent(id)}`,
      };
    }
    const v = await registry.villageFiles(village ?? '');
    return {
      title: t('reg.p.villageTitle', { village: [v.countyName, v.townshipName, v.villageName].join(''), n: v.items.length }),
      items: v.items,
      pdf: registry.villageFilesPdfUrl(village ?? ''),
      back: `/registry/households?region=${encodeURIComponent(village ?? '')}`,
    };
  }, [id, village, lang]);

  if (files.error) {
    if (isApiError(files.error) && files.error.status === 404) return <HouseholdNotFound id={id ?? village ?? ''} />;
    return <ErrorState error={files.error} onRetry={files.reload} />;
  }
  if (!files.data) return <PageLoading rows={12} />;
  const printed = new Date().toISOString().slice(0, 10);
  return (
    <div className="fp-file-print" data-testid="household-file-print">
      <div className="fp-file-toolbar fp-no-print">
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="file-print-title">
          {files.data.title}
        </Typography.Title>
        <Space wrap size={[8, 8]}>
          <Link to={link(files.data.back)}>
            <Button icon={<ArrowLeftOutlined />}>{t('reg.p.back')}</Button>
          </Link>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="file-print">
            {t('reg.p.print')}
          </Button>
          <Button icon={<FilePdfOutlined />} href={files.data.pdf} target="_blank" data-testid="file-pdf">
            {t('reg.p.pdf')}
          </Button>
        </Space>
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('reg.p.maskedNote')} />
      </div>
      {files.data.items.length ? (
        files.data.items.map((h) => <FileSheet key={String(h.id)} h={h} printed={printed} />)
      ) : (
        <EmptyState description={t('reg.p.empty')} />
      )}
    </div>
  );
}

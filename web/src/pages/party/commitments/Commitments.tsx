import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type Commitment, partyFunds } from '../../../api/party-funds';
import { useAuth } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { useYear, YearSelect } from '../funds/YearSelect';
import { NewCommitmentModal } from './NewCommitmentModal';

/** 党员承诺践诺: the year's commitments, their fulfilment with evidence, and the organisation's review. */
export default function Commitments() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const toast = useToast();
  const { code: region } = useCurrentRegion();
  const [year] = useYear();
  const list = useAsync(() => partyFunds.commitments({ region, year }), [region, year, lang]);
  const [fulfilling, setFulfilling] = useState<Commitment | null>(null);
  const [evidence, setEvidence] = useState('');
  const [result, setResult] = useState<'fulfilled' | 'unfulfilled'>('fulfilled');
  const [attachment, setAttachment] = useState('');
  const [adding, setAdding] = useState(false);
  const mayWrite = can('data.write');
  const fail = (e: unknown) => toast.error(errorMessage(e));

  const fulfil = () =>
    fulfilling &&
    partyFunds
      .fulfil(fulfilling.id, {
        status: result,
        evidence: evidence.trim() || undefined,
        attachmentRef: attachment.trim() || undefined,
        version: fulfilling.version,
      })
      .then(() => {
        setFulfilling(null);
        list.reload();
      }, fail);
  const review = (c: Commitment, r: 'confirmed' | 'returned') =>
    partyFunds.review(c.id, { review: r, reviewedOn: dayjs().format('YYYY-MM-DD'), version: c.version }).then(list.reload, fail);

  return (
    <Card
      data-testid="commitments-page"
      title={
        <Space size={8} wrap>
          <span>{t('pf.com.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        <Space wrap>
          <YearSelect />
          {mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="commitment-add">
              {t('pg.com.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('pf.com.caption')}{' '}
        <Tag color="blue">
          {t('pf.com.rate', { rate: list.data?.fulfilledPercent === null || !list.data ? '—' : `${list.data.fulfilledPercent}%` })}
        </Tag>
      </Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<Commitment>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('pf.com.empty')} /> }}
          columns={[
            { title: t('pf.village'), dataIndex: 'regionName', width: 120 },
            { title: t('pf.com.member'), dataIndex: 'name', width: 90 },
            { title: t('pf.com.content'), dataIndex: 'content' },
            { title: t('pf.com.status'), dataIndex: 'status', width: 90, render: (v: string) => t(`pf.com.status.${v}` as MessageKey) },
            {
              title: t('pf.com.evidence'),
              dataIndex: 'evidence',
              render: (v: string | null, c: Commitment) => (
                <Space size={4} wrap>
                  {v}
                  {c.attachmentRef && <Tag>{c.attachmentRef}</Tag>}
                </Space>
              ),
            },
            {
              title: t('pf.com.review'),
              key: 'review',
              width: 170,
              render: (_: unknown, c: Commitment) =>
                c.review ? (
                  <Tag color={c.review === 'confirmed' ? 'green' : 'orange'}>{t(`pf.com.review.${c.review}` as MessageKey)}</Tag>
                ) : !mayWrite ? null : c.status === 'pending' ? (
                  <Button
                    size="small"
                    data-testid={`commitment-fulfil-${c.id}`}
                    onClick={() => {
                      setEvidence('');
                      setAttachment('');
                      setResult('fulfilled');
                      setFulfilling(c);
                    }}
                  >
                    {t('pf.com.fulfil')}
                  </Button>
                ) : (
                  <Space size={4}>
                    <Button size="small" type="primary" onClick={() => review(c, 'confirmed')}>
                      {t('pf.com.confirm')}
                    </Button>
                    <Button size="small" onClick={() => review(c, 'returned')}>
                      {t('pf.com.return')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={fulfilling !== null}
        title={fulfilling?.content}
        onCancel={() => setFulfilling(null)}
        onOk={fulfil}
        okButtonProps={{ disabled: result === 'fulfilled' && !evidence.trim(), 'data-testid': 'fulfil-save' }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('pg.com.result')}</Typography.Text>
          <Radio.Group
            value={result}
            onChange={(e) => setResult(e.target.value)}
            options={(['fulfilled', 'unfulfilled'] as const).map((s) => ({ value: s, label: t(`pf.com.status.${s}` as MessageKey) }))}
          />
          <Typography.Text>{t('pf.com.evidence')}</Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={1000}
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            data-testid="fulfil-evidence"
          />
          <Typography.Text>{t('pg.com.attachment')}</Typography.Text>
          <Input maxLength={200} value={attachment} onChange={(e) => setAttachment(e.target.value)} />
        </Space>
      </Modal>
      <NewCommitmentModal
        open={adding}
        region={region}
        year={year}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          list.reload();
        }}
      />
    </Card>
  );
}

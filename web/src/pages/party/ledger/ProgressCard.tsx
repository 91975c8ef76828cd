import { Alert, Button, Card, DatePicker, Form, Input, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type LedgerDetail, partyLedger } from '../../../api/partyLedger';
import { useMe } from '../../../auth/AuthContext';
import { useI18n } from '../../../i18n';
import { useToast } from '../../../lib/useToast';

/** 整改进展: the dated entries, and a new one while the measures are being carried out. */
export function ProgressCard({ d, onAdded }: { d: LedgerDetail; onAdded: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const [form] = Form.useForm<{ date: Dayjs; content: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = d.state === 'planned' || d.state === 'rectifying';
  const canWrite = me.permissions.includes('data.write') && me.scope.code.length <= 12;

  const add = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await partyLedger.progress(d.id, { date: v.date.format('YYYY-MM-DD'), content: v.content });
      form.resetFields(['content']);
      message.success(t('pl.progress.added'));
      onAdded();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('pl.progress.title')} data-testid="ledger-progress">
      {d.progress.length === 0 ? (
        <Typography.Text type="secondary">{t('pl.progress.none')}</Typography.Text>
      ) : (
        <Timeline
          data-testid="ledger-progress-list"
          items={d.progress.map((p) => ({
            key: p.id,
            content: (
              <div data-testid="ledger-progress-item">
                <Typography.Text strong>{p.date}</Typography.Text> <Typography.Text type="secondary">{p.actor}</Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{p.content}</div>
              </div>
            ),
          }))}
        />
      )}
      {canWrite &&
        (open ? (
          <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} style={{ marginTop: 12 }}>
            <Form.Item name="date" label={t('pl.progress.date')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} data-testid="progress-date" />
            </Form.Item>
            <Form.Item name="content" label={t('pl.progress.content')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="progress-content" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button onClick={add} loading={saving} data-testid="progress-add">
              {t('pl.progress.add')}
            </Button>
          </Form>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('pl.progress.closedHint')}
          </Typography.Paragraph>
        ))}
    </Card>
  );
}

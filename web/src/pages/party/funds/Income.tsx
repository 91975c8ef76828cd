import { Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { type IncomeItem, partyFunds, toFen, yuan } from '../../../api/party-funds';
import { useAuth } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { ErrorState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { useYear, YearSelect } from './YearSelect';

/** 村集体经济收入: each known village's income for the year, hollow villages (空壳村) first, with entry. */
export default function Income() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const toast = useToast();
  const { code: region } = useCurrentRegion();
  const [year] = useYear();
  const list = useAsync(() => partyFunds.incomes({ region, year }), [region, year, lang]);
  const [editing, setEditing] = useState<IncomeItem | null>(null);
  const [form] = Form.useForm<{ amount: string; sources?: string }>();
  const hollow = list.data?.items.filter((i) => i.hollow).length ?? 0;

  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    try {
      await partyFunds.setIncome({
        villageCode: editing.villageCode,
        year,
        amountFen: toFen(v.amount) ?? 0,
        sources: v.sources || undefined,
        version: editing.version ?? undefined,
      });
      setEditing(null);
      list.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <Card
      data-testid="income-page"
      title={
        <Space size={8} wrap>
          <span>{t('pf.inc.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={<YearSelect />}
    >
      <Typography.Paragraph type="secondary">
        {t('pf.inc.caption')} <Tag color={hollow ? 'red' : 'green'}>{t('pf.inc.hollowCount', { count: hollow })}</Tag>
      </Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<IncomeItem>
          rowKey="villageCode"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="income-table"
          columns={[
            { title: t('pf.village'), dataIndex: 'villageName' },
            { title: t('pf.inc.amount'), dataIndex: 'amountFen', render: (v: number | null) => yuan(v, lang) },
            { title: t('pf.inc.sources'), dataIndex: 'sources' },
            { title: '', dataIndex: 'hollow', width: 80, render: (v: boolean) => v && <Tag color="red">{t('pf.inc.hollow')}</Tag> },
            ...(can('data.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 80,
                    render: (_: unknown, r: IncomeItem) => (
                      <Button
                        size="small"
                        onClick={() => {
                          form.setFieldsValue({ amount: r.amountFen === null ? '' : String(r.amountFen / 100), sources: r.sources ?? '' });
                          setEditing(r);
                        }}
                      >
                        {t('pf.inc.set')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal open={editing !== null} title={editing?.villageName} onCancel={() => setEditing(null)} onOk={save}>
        <Form form={form} layout="vertical">
          <Form.Item
            name="amount"
            label={t('pf.inc.amount')}
            rules={[{ validator: (_, v) => (toFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('pf.badAmount')))) }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="sources" label={t('pf.inc.sources')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

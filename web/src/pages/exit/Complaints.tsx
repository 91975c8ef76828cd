import { Button, Card, Checkbox, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Complaint, complaintsApi } from '../../api/exit';
import { useMe } from '../../auth/AuthContext';
import { ErrorState } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';

/** 投诉与异议: what villagers sent from the public boards of the region; the county answers and closes each. */
export default function ExitComplaints() {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [open, setOpen] = useState(true);
  const list = useAsync(() => complaintsApi.list(region, open), [region, open]);
  const [answering, setAnswering] = useState<Complaint | null>(null);
  const [answer, setAnswer] = useState('');
  const canAnswer = me.permissions.includes('data.write') && me.scope.code.length <= 6;

  const send = async () => {
    if (!answering) return;
    try {
      const d = await complaintsApi.detail(answering.id);
      await complaintsApi.answer(answering.id, { version: d.case.version, answer });
      setAnswering(null);
      setAnswer('');
      list.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card
      title={<span data-testid="complaints-title">{t('nav.exit.complaints')}</span>}
      extra={
        <Checkbox checked={open} onChange={(e) => setOpen(e.target.checked)}>
          {t('ex.cp.openOnly')}
        </Checkbox>
      }
      data-testid="complaints-page"
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Complaint>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          columns={[
            { title: t('ex.cp.reference'), dataIndex: 'reference', width: 170 },
            { title: t('ex.c.village'), key: 'v', render: (_, c) => `${c.village.township} · ${c.village.name}` },
            {
              title: t('ex.cp.kind'),
              key: 'k',
              render: (_, c) =>
                c.exitId ? (
                  <Link to={link(`/exit/households/${c.exitId}`)}>
                    <Tag color="orange">
                      {t('ex.cp.objection')} · {c.householdNo}
                    </Tag>
                  </Link>
                ) : (
                  <Tag>{c.kind === 'objection' ? t('ex.cp.objection') : t('ex.cp.complaint')}</Tag>
                ),
            },
            {
              title: t('ex.o.content'),
              dataIndex: 'content',
              render: (v: string) => (
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
                  {v}
                </Typography.Paragraph>
              ),
            },
            { title: t('ex.cp.received'), dataIndex: 'receivedAt', width: 110, render: (v: string) => v.slice(0, 10), responsive: ['md'] },
            {
              title: t('ex.c.state'),
              key: 's',
              width: 150,
              render: (_, c) => (
                <Space size={4} wrap>
                  <Tag color={c.state === 'answered' ? 'green' : c.overdue ? 'red' : 'orange'}>{c.stateLabel}</Tag>
                  {c.state === 'received' && canAnswer && (
                    <Button size="small" onClick={() => setAnswering(c)} data-testid={`complaint-answer-${c.id}`}>
                      {t('ex.cp.answer')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={answering !== null}
        title={answering?.reference}
        onCancel={() => setAnswering(null)}
        onOk={send}
        okButtonProps={{ disabled: !answer.trim() }}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          placeholder={t('ex.cp.answer')}
        />
      </Modal>
    </Card>
  );
}

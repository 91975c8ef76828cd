import { Checkbox, Form, type FormInstance, Input, Select } from 'antd';
import { useI18n } from '../../i18n';

/** 设岗定责 and the wealth leader: the fields a member's add and edit forms share. */
// biome-ignore lint/suspicious/noExplicitAny: shared by forms of different value shapes
export function MemberFields({ form }: { form: FormInstance<any> }) {
  const { t } = useI18n();
  const leader = Form.useWatch('wealthLeader', form);
  return (
    <>
      <Form.Item name="standing" label={t('pty.m.standing')}>
        <Select
          options={(['full', 'probationary'] as const).map((s) => ({ value: s, label: t(`pty.m.standing.${s}`) }))}
          data-testid="party-member-standing"
        />
      </Form.Item>
      <Form.Item name="post" label={t('pty.m.post')} rules={[{ max: 40 }]}>
        <Input data-testid="party-member-post" />
      </Form.Item>
      <Form.Item name="duty" label={t('pty.m.duty')} rules={[{ max: 200 }]}>
        <Input.TextArea rows={2} data-testid="party-member-duty" />
      </Form.Item>
      <Form.Item name="wealthLeader" valuePropName="checked">
        <Checkbox data-testid="party-member-wealth">{t('pty.m.wealthLeader')}</Checkbox>
      </Form.Item>
      {leader && (
        <Form.Item name="wealthIndustry" label={t('pty.m.industry')} rules={[{ max: 60 }]}>
          <Input data-testid="party-member-industry" />
        </Form.Item>
      )}
    </>
  );
}

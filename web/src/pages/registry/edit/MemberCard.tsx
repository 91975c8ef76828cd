import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, type FormInstance, Input, Row, Space, Tag, Tooltip, Typography } from 'antd';
import type { CodeListId } from '../../../api/registry';
import { type MessageKey, useI18n } from '../../../i18n';
import { idGender, idProblem } from '../../../lib/idcard';
import type { CodeLists } from '../../../lib/useCodeLists';
import { CodeSelect } from './fields';
import type { MemberField, Values } from './values';

/** Code-list selects of a member, with the list each takes its options from. */
const MEMBER_SELECTS: { field: MemberField; list: CodeListId; label: MessageKey }[] = [
  { field: 'relation', list: 'relation', label: 'reg.m.relation' },
  { field: 'gender', list: 'gender', label: 'reg.m.gender' },
  { field: 'ethnicity', list: 'ethnicity', label: 'reg.m.ethnicity' },
  { field: 'education', list: 'education', label: 'reg.m.education' },
  { field: 'schooling', list: 'schooling', label: 'reg.m.schooling' },
  { field: 'health', list: 'health', label: 'reg.m.health' },
  { field: 'labour', list: 'labour', label: 'reg.m.labour' },
  { field: 'work', list: 'work', label: 'reg.m.work' },
  { field: 'medicalInsurance', list: 'yes_no', label: 'reg.m.insurance' },
];

export function MemberCard({
  index,
  fieldName,
  remove,
  form,
  codes,
  canRemove,
}: {
  index: number;
  fieldName: number;
  remove: () => void;
  form: FormInstance<Values>;
  codes: CodeLists;
  canRemove: boolean;
}) {
  const { t } = useI18n();
  const existing = Form.useWatch(['members', fieldName, 'personId'], form);
  const idMasked = Form.useWatch(['members', fieldName, 'idMasked'], { form, preserve: true }) as string | null | undefined;
  const phoneMasked = Form.useWatch(['members', fieldName, 'phoneMasked'], { form, preserve: true }) as string | null | undefined;
  const name = Form.useWatch(['members', fieldName, 'name'], form) as string | undefined;
  const relation = Form.useWatch(['members', fieldName, 'relation'], form) as string | undefined;
  const col = { xs: 24, sm: 12, lg: 6 };
  return (
    <Card
      size="small"
      type="inner"
      style={{ marginBottom: 12 }}
      data-testid="member-form"
      title={
        <Space size={8}>
          <span>{t('reg.e.memberN', { n: index + 1 })}</span>
          {name && <Typography.Text strong>{name}</Typography.Text>}
          {relation === 'head' && <Tag color="red">{codes.label('relation', 'head')}</Tag>}
          {existing !== undefined && <Tag>{t('reg.e.existing')}</Tag>}
        </Space>
      }
      extra={
        <Tooltip title={canRemove ? t('reg.e.removeMember') : t('reg.e.needOneMember')}>
          <Button type="text" danger icon={<DeleteOutlined />} onClick={remove} disabled={!canRemove} data-testid="member-remove" />
        </Tooltip>
      }
    >
      <Form.Item name={[fieldName, 'personId']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col {...col}>
          <Form.Item
            name={[fieldName, 'name']}
            label={t('reg.m.name')}
            rules={[{ required: true, whitespace: true, message: t('reg.e.nameRequired') }]}
          >
            <Input maxLength={40} data-testid="member-name-input" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={12}>
          <Form.Item
            name={[fieldName, 'idNumber']}
            label={t('reg.m.idNumber')}
            extra={existing !== undefined ? t('reg.e.idKeep') : undefined}
            rules={[
              { required: existing === undefined, whitespace: true, message: t('reg.e.idRequired') },
              {
                validator: (_, v: string | undefined) => {
                  if (!v?.trim()) return Promise.resolve();
                  const p = idProblem(v);
                  if (p) return Promise.reject(new Error(t(`reg.e.id.${p}` as MessageKey)));
                  const g = form.getFieldValue(['members', fieldName, 'gender']) as string | undefined;
                  if (g && idGender(v) !== g) return Promise.reject(new Error(t('reg.e.id.gender')));
                  return Promise.resolve();
                },
              },
            ]}
            dependencies={[['members', fieldName, 'gender']]}
          >
            <Input
              maxLength={24}
              placeholder={existing !== undefined ? (idMasked ?? '') : t('reg.e.idPlaceholder')}
              style={{ fontFamily: 'monospace' }}
              autoComplete="off"
              data-testid="member-id-input"
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name={[fieldName, 'phone']} label={t('reg.m.phone')}>
            <Input
              maxLength={20}
              placeholder={existing !== undefined && phoneMasked ? phoneMasked : undefined}
              autoComplete="off"
              data-testid="member-phone-input"
            />
          </Form.Item>
        </Col>
        {MEMBER_SELECTS.map((s) => (
          <Col key={s.field} {...col}>
            <Form.Item
              name={[fieldName, s.field]}
              label={t(s.label)}
              rules={s.field === 'relation' ? [{ required: true, message: t('reg.e.relationRequired') }] : undefined}
            >
              <CodeSelect codes={codes} list={s.list} data-testid={`member-${s.field}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

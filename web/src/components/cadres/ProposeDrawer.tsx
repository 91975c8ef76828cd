import { Alert, Button, Col, DatePicker, Divider, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { cadres, type PostingInput, type PostingRole, ROLES } from '../../api/cadres';
import { ApiError, errorMessage } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n';
import { addDays } from '../../lib/dates';
import { idProblem } from '../../lib/idcard';
import { usePhone } from '../../lib/usePhone';
import { useToast } from '../../lib/useToast';
import { RegionCascader } from '../RegionCascader';
import { UnitSelect } from './UnitSelect';

// The server's minimum tenure (cadres.min_tenure_days, 2 years): the planned end when none is given.
const DEFAULT_TENURE_DAYS = 730;
const PHONE = /^(1\d{10}|0\d{9,11})$/;

interface Values {
  cadre: { name: string; idNumber: string; phone?: string; unitId: number; post: string; rank?: string; partyMember: boolean };
  villageCode: string;
  role: PostingRole;
  startDate: Dayjs;
  plannedEndDate?: Dayjs;
  note?: string;
}

/** The form's fields a server error may name (`details[].path`), as form names. */
const FIELD_PATHS = [
  'cadre.name',
  'cadre.idNumber',
  'cadre.phone',
  'cadre.unitId',
  'cadre.post',
  'cadre.rank',
  'cadre.partyMember',
  'villageCode',
  'role',
  'startDate',
  'plannedEndDate',
  'note',
];

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const blank = (s: string | undefined) => s?.trim() || undefined;

/**
 * 拟派驻村干部: the cadre (found again by the ID number when known), the village, the role and the dates. The server's
 * field errors are shown on their fields; the others (already posted elsewhere, …) above the form.
 */
export function ProposeDrawer({
  open,
  village,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The village to start with (the page's region when it is one). */
  village?: string;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useI18n();
  const message = useToast();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = Form.useWatch('startDate', form);
  const fill = (key: MessageKey) => ({ required: true, whitespace: true, message: t('cad.n.fill', { field: t(key) }) });
  const pick = (key: MessageKey) => ({ required: true, message: t('cad.n.pick', { field: t(key) }) });

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: PostingInput = {
      cadre: {
        name: v.cadre.name.trim(),
        idNumber: v.cadre.idNumber.trim(),
        phone: blank(v.cadre.phone),
        unitId: v.cadre.unitId,
        post: v.cadre.post.trim(),
        rank: blank(v.cadre.rank),
        partyMember: v.cadre.partyMember,
      },
      villageCode: v.villageCode,
      role: v.role,
      startDate: day(v.startDate) ?? '',
      plannedEndDate: day(v.plannedEndDate),
      note: blank(v.note),
    };
    try {
      const r = await cadres.propose(body);
      message.success(t('cad.n.createdOk', { name: body.cadre.name }));
      onCreated(r.id);
    } catch (e) {
      const hits = e instanceof ApiError ? Object.entries(e.fieldErrors()).filter(([k]) => FIELD_PATHS.includes(k)) : [];
      if (hits.length) {
        form.setFields(hits.map(([k, m]) => ({ name: k.split('.') as never, errors: [m] })));
        message.error(t('cad.n.fixFields'));
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={t('cad.n.title')}
      open={open}
      onClose={onClose}
      size={600}
      destroyOnHidden
      data-testid="propose-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="propose-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="propose-error" /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          villageCode: village?.length === 12 ? village : undefined,
          role: 'first_secretary',
          startDate: dayjs().startOf('day'),
          cadre: { partyMember: true },
        }}
      >
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('cad.n.cadre')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name={['cadre', 'name']} label={t('cad.n.name')} rules={[fill('cad.n.name')]}>
              <Input maxLength={50} data-testid="posting-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['cadre', 'idNumber']}
              label={t('cad.n.idNumber')}
              rules={[
                fill('cad.n.idNumber'),
                {
                  validator: (_, v: string | undefined) => {
                    const p = v?.trim() ? idProblem(v) : null;
                    return p ? Promise.reject(new Error(t(`reg.e.id.${p}` as MessageKey))) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={20} placeholder={t('reg.e.idPlaceholder')} autoComplete="off" data-testid="posting-id" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['cadre', 'phone']}
              label={t('cad.n.phone')}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() || PHONE.test(v.replace(/[\s-]/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('cad.n.phoneBad'))),
                },
              ]}
            >
              <Input maxLength={20} inputMode="tel" data-testid="posting-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={['cadre', 'partyMember']} label={t('cad.n.party')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('common.yes') },
                  { value: false, label: t('common.no') },
                ]}
                data-testid="posting-party"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={['cadre', 'unitId']} label={t('cad.n.unit')} rules={[pick('cad.n.unit')]}>
              <UnitSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={['cadre', 'post']} label={t('cad.n.post')} rules={[fill('cad.n.post')]}>
              <Input maxLength={60} placeholder={t('cad.n.postPh')} data-testid="posting-post" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={['cadre', 'rank']} label={t('cad.n.rank')}>
              <Input maxLength={40} placeholder={t('cad.n.rankPh')} data-testid="posting-rank" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('cad.n.posting')}</Divider>
        <Form.Item name="villageCode" label={t('cad.n.village')} rules={[pick('cad.n.village')]}>
          <RegionCascader villageOnly placeholder={t('cad.n.villagePh')} style={{ width: '100%' }} data-testid="posting-village" />
        </Form.Item>
        <Form.Item name="role" label={t('cad.n.role')} rules={[pick('cad.n.role')]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`cad.role.${r}` as MessageKey) }))} data-testid="posting-role" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="startDate" label={t('cad.n.start')} rules={[pick('cad.n.start')]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={phone} data-testid="posting-start" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="plannedEndDate"
              label={t('cad.n.end')}
              extra={start ? t('cad.n.endHint', { date: addDays(start.format('YYYY-MM-DD'), DEFAULT_TENURE_DAYS) }) : undefined}
              dependencies={['startDate']}
              rules={[
                {
                  validator: (_, v: Dayjs | undefined) =>
                    !v || !start || v.isAfter(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('cad.n.endBefore'))),
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} inputReadOnly={phone} data-testid="posting-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('cad.n.note')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="posting-note" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

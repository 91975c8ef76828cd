import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage, isApiError } from '../../api/client';
import { type CodeListId, type HouseholdDetail, type HouseholdInput, type MemberInput, registry } from '../../api/registry';
import type { Id, RegionRef } from '../../api/types';
import { RegionCascader } from '../../components/RegionCascader';
import { HouseholdNotFound } from '../../components/registry/HouseholdNotFound';
import { ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { idGender, idProblem, normaliseId } from '../../lib/idcard';
import { useAsync } from '../../lib/useAsync';
import { type CodeLists, useCodeLists } from '../../lib/useCodeLists';
import { useRegionLink } from '../../lib/useRegion';

interface MemberValues {
  /** Set for a member already in the register (edit): their ID number is kept unless retyped. */
  personId?: Id;
  idMasked?: string | null;
  name?: string;
  idNumber?: string;
  relation?: string;
  gender?: string;
  ethnicity?: string;
  education?: string;
  schooling?: string;
  health?: string;
  labour?: string;
  work?: string;
  medicalInsurance?: string;
  phone?: string;
  phoneMasked?: string | null;
}

interface Values {
  villageCode?: string;
  householdNo?: string;
  category?: string;
  cause?: string;
  yearIdentified?: number;
  plannedExitYear?: number | null;
  exitYear?: number | null;
  status?: string;
  income?: number | null;
  helper?: string;
  members: MemberValues[];
}

const HOUSEHOLD_FIELDS = [
  'villageCode',
  'householdNo',
  'category',
  'cause',
  'yearIdentified',
  'plannedExitYear',
  'exitYear',
  'status',
  'income',
  'helper',
] as const;
const MEMBER_FIELDS = [
  'name',
  'idNumber',
  'relation',
  'gender',
  'ethnicity',
  'education',
  'schooling',
  'health',
  'labour',
  'work',
  'medicalInsurance',
  'phone',
] as const;
type MemberField = (typeof MEMBER_FIELDS)[number];

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

/** The form's values from a household's detail (which carries some member fields as labels: map them back to codes). */
function valuesOf(h: HouseholdDetail, codes: CodeLists): Values {
  const income = h.incomes.find((i) => i.year === h.registerYear)?.perCapita ?? null;
  return {
    villageCode: h.villageCode,
    householdNo: h.householdNo,
    category: h.category,
    cause: h.cause,
    yearIdentified: h.yearIdentified,
    plannedExitYear: h.plannedExitYear,
    exitYear: h.exitYear,
    status: h.status,
    income,
    helper: h.helpers.find((x) => !x.endDate)?.name ?? '',
    members: h.members.map((m) => ({
      personId: m.personId,
      idMasked: m.idMasked,
      phoneMasked: m.phoneMasked,
      name: m.name,
      idNumber: '',
      relation: m.relation,
      gender: m.gender ?? undefined,
      ethnicity: codes.codeOf('ethnicity', m.ethnicity),
      education: codes.codeOf('education', m.education),
      schooling: codes.codeOf('schooling', m.schooling),
      health: codes.codeOf('health', m.health),
      labour: codes.codeOf('labour', m.labour),
      work: codes.codeOf('work', m.work),
      medicalInsurance: m.medicalInsurance === null ? undefined : m.medicalInsurance ? 'yes' : 'no',
      phone: '',
    })),
  };
}

const opt = <T,>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === '' ? undefined : v);

function bodyOf(v: Values): HouseholdInput {
  return {
    villageCode: v.villageCode ?? '',
    householdNo: (v.householdNo ?? '').trim(),
    category: v.category ?? '',
    cause: v.cause ?? '',
    yearIdentified: v.yearIdentified as number,
    plannedExitYear: v.plannedExitYear ?? null,
    exitYear: v.exitYear ?? null,
    status: v.status ?? '',
    income: v.income ?? null,
    helper: v.helper?.trim() || null,
    members: (v.members ?? []).map(
      (m): MemberInput => ({
        ...(m.personId !== undefined && m.personId !== null && m.personId !== '' ? { personId: Number(m.personId) } : {}),
        name: (m.name ?? '').trim(),
        // An existing member's number is never sent to the client: "" keeps it, a typed one replaces it.
        idNumber: m.idNumber ? normaliseId(m.idNumber) : '',
        relation: m.relation ?? '',
        gender: opt(m.gender),
        ethnicity: opt(m.ethnicity),
        education: opt(m.education),
        schooling: opt(m.schooling),
        health: opt(m.health),
        labour: opt(m.labour),
        work: opt(m.work),
        medicalInsurance: m.medicalInsurance === 'yes' ? true : m.medicalInsurance === 'no' ? false : undefined,
        phone: opt(m.phone?.trim()),
      }),
    ),
  };
}

/** A server path (`members.1.idNumber`, `["members",1,"idNumber"]`, `body.category`) as a form field name, when the form has it. */
export function fieldNameOf(path: unknown): (string | number)[] | null {
  const parts = (Array.isArray(path) ? path.map(String) : String(path ?? '').split(/[.[\]]+/))
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'body') parts.shift();
  if (parts.length === 1 && (HOUSEHOLD_FIELDS as readonly (string | number)[]).includes(parts[0] as string)) return parts;
  if (parts.length === 3 && parts[0] === 'members' && typeof parts[1] === 'number' && MEMBER_FIELDS.includes(parts[2] as MemberField)) {
    return parts;
  }
  return null;
}

/** Put VALIDATION_FAILED details on their fields; answer the messages that have no field (shown above the form). */
function applyServerErrors(form: FormInstance<Values>, e: unknown): string[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const loose: string[] = [];
  for (const d of e.details as { path?: unknown; message?: string }[]) {
    const msg = d?.message || e.message;
    const name = fieldNameOf(d?.path);
    if (!name) {
      loose.push(msg);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return loose;
}

function CodeSelect({ codes, list, ...rest }: { codes: CodeLists; list: CodeListId } & Record<string, unknown>) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={codes.options(list)}
      loading={codes.loading}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}

/** Form adapter for the village picker (value/onChange come from Form.Item). */
function VillageField({
  value,
  onChange,
  onRef,
  id,
  status,
}: {
  value?: string;
  onChange?: (v?: string) => void;
  onRef: (r?: RegionRef) => void;
  id?: string;
  status?: 'error' | 'warning';
}) {
  const { t } = useI18n();
  return (
    <RegionCascader
      id={id}
      value={value}
      villageOnly
      status={status}
      placeholder={t('reg.e.villagePlaceholder')}
      data-testid="edit-village"
      style={{ width: '100%' }}
      onChange={(code, ref) => {
        onRef(ref);
        onChange?.(code);
      }}
    />
  );
}

function MemberCard({
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

const thisYear = new Date().getFullYear();

export default function HouseholdEdit() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const link = useRegionLink();
  const { message } = App.useApp();
  const codes = useCodeLists();
  const year = useAsync(() => registry.registerYear(), []);
  const detail = useAsync(() => (editing ? registry.household(id) : Promise.resolve(null)), [id, lang]);
  const [form] = Form.useForm<Values>();
  const [villageRef, setVillageRef] = useState<RegionRef | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loose, setLoose] = useState<string[]>([]);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  // Fill the form once per household, after the code lists are there (labels → codes).
  useEffect(() => {
    const h = detail.data;
    if (!editing || !h || codes.loading || loadedFor === String(h.id)) return;
    form.setFieldsValue(valuesOf(h, codes));
    setLoadedFor(String(h.id));
  }, [editing, detail.data, codes, form, loadedFor]);

  const initial = useMemo<Values>(() => ({ status: 'poor', members: [{ relation: 'head', medicalInsurance: 'yes' }] }), []);

  if (editing && detail.error) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) return <HouseholdNotFound id={id} />;
    return <ErrorState error={detail.error} onRetry={detail.reload} />;
  }
  if (editing && (!detail.data || codes.loading)) return <PageLoading rows={12} />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    setLoose([]);
    try {
      const body = bodyOf(v);
      const r = editing ? await registry.updateHousehold(id, body) : await registry.createHousehold(body);
      message.success(t(editing ? 'reg.e.savedOk' : 'reg.e.createdOk', { no: body.householdNo }));
      navigate(link(`/registry/households/${encodeURIComponent(String(r.id ?? id))}`));
    } catch (e) {
      const rest = applyServerErrors(form, e);
      const onFields = e instanceof ApiError && Array.isArray(e.details) && rest.length < e.details.length;
      setLoose(rest);
      if (onFields) message.error(t('reg.e.fixFields'));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const col = { xs: 24, sm: 12, lg: 6 };
  const back = editing ? link(`/registry/households/${encodeURIComponent(String(id))}`) : link('/registry/households');

  return (
    <Card
      data-testid="household-form-page"
      title={editing ? t('reg.e.editTitle', { no: detail.data?.householdNo ?? '' }) : t('reg.e.createTitle')}
      extra={
        <Link to={back}>
          <Button icon={<ArrowLeftOutlined />}>{t('common.cancel')}</Button>
        </Link>
      }
    >
      {codes.error ? <ErrorState error={codes.error} onRetry={codes.reload} /> : null}
      {error || loose.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="household-form-error"
          title={error ? errorMessage(error) : t('reg.e.fixFields')}
          description={
            loose.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {loose.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={editing ? undefined : initial}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        scrollToFirstError={false}
        data-testid="household-form"
      >
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('reg.e.household')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <Form.Item
              name="villageCode"
              label={t('reg.e.village')}
              rules={[
                { required: true, message: t('reg.e.villageRequired') },
                {
                  validator: (_, v?: string) =>
                    !v || (villageRef ? villageRef.level === 5 : v.length === 12)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('reg.e.villageLevel'))),
                },
              ]}
            >
              <VillageField onRef={setVillageRef} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="householdNo"
              label={t('reg.h.no')}
              rules={[{ required: true, whitespace: true, message: t('reg.e.noRequired') }]}
              extra={t(editing ? 'reg.e.noFixed' : 'reg.e.noHint')}
            >
              <Input maxLength={40} disabled={editing} data-testid="edit-household-no" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="status" label={t('reg.h.status')} rules={[{ required: true, message: t('reg.e.statusRequired') }]}>
              <CodeSelect codes={codes} list="household_status" allowClear={false} data-testid="edit-status" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="category" label={t('reg.h.category')} rules={[{ required: true, message: t('reg.e.categoryRequired') }]}>
              <CodeSelect codes={codes} list="household_category" data-testid="edit-category" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="cause" label={t('reg.h.cause')} rules={[{ required: true, message: t('reg.e.causeRequired') }]}>
              <CodeSelect codes={codes} list="poverty_cause" data-testid="edit-cause" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="yearIdentified"
              label={t('reg.d.yearIdentified')}
              rules={[{ required: true, message: t('reg.e.yearRequired') }]}
            >
              <InputNumber min={2000} max={thisYear} precision={0} style={{ width: '100%' }} data-testid="edit-year-identified" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="plannedExitYear"
              label={t('reg.h.plannedExit')}
              dependencies={['yearIdentified']}
              rules={[
                {
                  validator: (_, v?: number | null) => {
                    const from = form.getFieldValue('yearIdentified') as number | undefined;
                    return v && from && v < from ? Promise.reject(new Error(t('reg.e.plannedBeforeIdentified'))) : Promise.resolve();
                  },
                },
              ]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="edit-planned-exit" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="exitYear"
              label={t('reg.d.exitYear')}
              dependencies={['status']}
              rules={[
                {
                  validator: (_, v?: number | null) =>
                    form.getFieldValue('status') === 'exited' && !v
                      ? Promise.reject(new Error(t('reg.e.exitYearRequired')))
                      : Promise.resolve(),
                },
              ]}
            >
              <InputNumber min={2000} max={thisYear} precision={0} style={{ width: '100%' }} data-testid="edit-exit-year" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="income" label={t('reg.e.income', { year: year.data ?? '' })}>
              <InputNumber
                min={0}
                max={10_000_000}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('reg.unit.yuan')}
                data-testid="edit-income"
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="helper" label={t('reg.h.helper')}>
              <Input maxLength={40} data-testid="edit-helper" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('reg.d.members')}</Divider>
        <Form.List
          name="members"
          rules={[
            {
              validator: async (_, members?: MemberValues[]) => {
                const list = members ?? [];
                if (!list.length) throw new Error(t('reg.e.needOneMember'));
                const heads = list.filter((m) => m?.relation === 'head').length;
                if (heads !== 1) throw new Error(t('reg.e.oneHead'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <MemberCard
                  key={f.key}
                  index={i}
                  fieldName={f.name}
                  remove={() => remove(f.name)}
                  form={form}
                  codes={codes}
                  canRemove={fields.length > 1}
                />
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ medicalInsurance: 'yes' })}
                style={{ marginTop: 4 }}
                data-testid="member-add"
              >
                {t('reg.e.addMember')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="household-save">
            {editing ? t('common.save') : t('reg.e.create')}
          </Button>
          <Link to={back}>
            <Button>{t('common.cancel')}</Button>
          </Link>
        </Space>
      </Form>
    </Card>
  );
}

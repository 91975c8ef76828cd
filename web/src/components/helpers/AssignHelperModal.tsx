import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { type HelperItem, helpers } from '../../api/helpers';
import { useI18n } from '../../i18n';
import { useToast } from '../../lib/useToast';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * 指定帮扶责任人 for the households selected in the list: pick one of the county's helpers by name; says how many of
 * the selection have a helper now (their pairing ends today). All or nothing on the server.
 */
export function AssignHelperModal({
  open,
  region,
  householdIds,
  withHelper,
  onClose,
  onDone,
}: {
  open: boolean;
  region: string;
  householdIds: number[];
  /** How many of the selected households have a helper now. */
  withHelper: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const message = useToast();
  const [options, setOptions] = useState<HelperItem[]>([]);
  const [searching, setSearching] = useState(false);
  const [helperId, setHelperId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const search = async (q: string) => {
    setSearching(true);
    try {
      setOptions((await helpers.list({ region, q: q.trim() || undefined, limit: 30 })).items);
    } catch (e) {
      setError(e);
    } finally {
      setSearching(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh list each time the dialog opens
  useEffect(() => {
    if (!open) return;
    setHelperId(undefined);
    setError(null);
    void search('');
  }, [open, region]);

  const submit = async () => {
    if (helperId === undefined) {
      setError(new Error(t('hlp.sel.none')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await helpers.assign(helperId, householdIds);
      message.success(t('hlp.sel.done', { assigned: r.assigned, replaced: r.replaced, unchanged: r.unchanged }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('hlp.sel.title', { count: householdIds.length })}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'assign-submit' }}
      destroyOnHidden
      data-testid="assign-modal"
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="assign-error" /> : null}
      <Form layout="vertical">
        <Form.Item label={t('hlp.sel.pick')} required>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
            placeholder={t('hlp.sel.pickPh')}
            loading={searching}
            value={helperId}
            onChange={setHelperId}
            options={options.map((h) => ({
              value: h.id,
              label: [h.name, h.workUnit, h.phoneMasked].filter(Boolean).join(' · '),
            }))}
            style={{ width: '100%' }}
            data-testid="assign-helper"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('hlp.sel.today', { date: today() })}</Typography.Paragraph>
      {withHelper > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('hlp.sel.replace', { count: withHelper })}
          style={{ marginBottom: 8 }}
          data-testid="assign-replace"
        />
      )}
      <Typography.Text type="secondary">{t('hlp.sel.allOrNothing')}</Typography.Text>
    </Modal>
  );
}

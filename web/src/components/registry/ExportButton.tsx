import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { type HouseholdFilters, registry } from '../../api/registry';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useToast } from '../../lib/useToast';

/** Exports the list as it is filtered; the server names the file after the scope, the filter and the date. */
export function ExportButton({ region, filters }: { region: string; filters: HouseholdFilters }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const message = useToast();
  const [unmask, setUnmask] = useState(false);
  const [busy, setBusy] = useState(false);
  const mayUnmask = can('pii.unmask');

  const run = async (full: boolean) => {
    setBusy(true);
    try {
      const name = await registry.exportHouseholds({ region, ...filters, unmask: full });
      message.success(t('reg.export.ok', { name }));
    } catch (e) {
      message.error(t('reg.export.failed', { reason: errorMessage(e) }));
    } finally {
      setBusy(false);
    }
  };

  const click = () => {
    if (mayUnmask && unmask) {
      modal.confirm({
        title: t('reg.export.unmaskConfirmTitle'),
        content: t('reg.export.unmaskConfirm'),
        okText: t('reg.export.unmaskOk'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true, 'data-testid': 'export-unmask-ok' },
        onOk: () => run(true),
      });
    } else {
      void run(false);
    }
  };

  return (
    <Space size={8}>
      {mayUnmask && (
        <Checkbox checked={unmask} onChange={(e) => setUnmask(e.target.checked)} data-testid="export-unmask">
          {t('reg.export.unmask')}
        </Checkbox>
      )}
      <Button icon={<DownloadOutlined />} loading={busy} onClick={click} data-testid="households-export">
        {t('reg.export')}
      </Button>
    </Space>
  );
}

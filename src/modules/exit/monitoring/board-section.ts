import type { BoardSectionProvider } from '../public/board.ts';
import { publicMonitoringNotices } from './service.ts';

/** 防返贫监测公示 on the village's public board: a masked name and the notice's days, only while a notice runs. */
export const monitoringNoticeSection: BoardSectionProvider = {
  id: 'monitoring-notice',
  async load(db, village, lang) {
    const rows = await publicMonitoringNotices(db, village);
    if (!rows.length) return null;
    const en = lang === 'en';
    return {
      id: 'monitoring-notice',
      title: en ? 'Return-to-poverty monitoring: public notice' : '防返贫监测对象公示',
      note: en
        ? 'Households proposed for monitoring and assistance. Objections: use the form below or tell the village committee.'
        : '拟纳入防返贫监测并落实帮扶的农户。如有异议，请用本页下方的表单反映，或向村委会反映。',
      empty: en ? 'No monitoring notice now.' : '目前没有监测公示。',
      items: rows.map((r, i) => ({
        key: `m${i}`,
        heading: r.name,
        fields: [{ label: en ? 'Notice' : '公示期', value: `${r.from} ~ ${r.to}` }],
      })),
    };
  },
};

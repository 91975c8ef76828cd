// UI strings of the phone's list cards, Simplified Chinese (the default). en/cards.ts has exactly the same keys.
export default {
  'card.h.head': '户主',
  'card.h.members': '{count} 人',
  'card.h.unmet': '未保障：{items}',
  'card.h.belowLine': '收入低于贫困线（{income} 元/人）',
  'card.h.noIncome': '无收入记录',
  'card.h.noGap': '无明显缺口',
  'card.h.gaps': '主要缺口',
  'card.g.food': '吃',
  'card.g.clothing': '穿',
  'card.g.education': '义务教育',
  'card.g.medical': '基本医疗',
  'card.g.housing': '住房安全',
} as const;

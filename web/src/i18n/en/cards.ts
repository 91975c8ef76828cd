// UI strings of the phone's list cards, English. Same keys as zh-CN/cards.ts.
export default {
  'card.h.head': 'Head',
  'card.h.members': '{count} members',
  'card.h.unmet': 'Not met: {items}',
  'card.h.belowLine': 'Income under the poverty line ({income} yuan/person)',
  'card.h.noIncome': 'No income recorded',
  'card.h.noGap': 'No open gap',
  'card.h.gaps': 'Key gaps',
  'card.g.food': 'food',
  'card.g.clothing': 'clothing',
  'card.g.education': 'schooling',
  'card.g.medical': 'medical care',
  'card.g.housing': 'safe housing',
} as const;

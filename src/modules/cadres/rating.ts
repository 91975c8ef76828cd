/** Ratings of a review (述职评议), best first. */
export const RATINGS = ['excellent', 'competent', 'basic', 'incompetent'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  competent: { zh: '称职', en: 'Competent' },
  basic: { zh: '基本称职', en: 'Basically competent' },
  incompetent: { zh: '不称职', en: 'Incompetent' },
};

/** Unexcused absences in a year from which each cap applies (settings; DOMAIN.md: one, two, three). */
export const CAP_SETTINGS = {
  'cadres.absences_cap_competent': 1,
  'cadres.absences_cap_basic': 2,
  'cadres.absences_cap_incompetent': 3,
} as const;

/** The best rating a year with this many unexcused absences allows. */
export function ratingCap(absences: number, settings: Readonly<Record<string, number>> = {}): Rating {
  const at = (k: keyof typeof CAP_SETTINGS) => settings[k] ?? CAP_SETTINGS[k];
  if (absences >= at('cadres.absences_cap_incompetent')) return 'incompetent';
  if (absences >= at('cadres.absences_cap_basic')) return 'basic';
  if (absences >= at('cadres.absences_cap_competent')) return 'competent';
  return 'excellent';
}

/** Whether `rating` is no better than `cap`. */
export const withinCap = (rating: Rating, cap: Rating) => RATINGS.indexOf(rating) >= RATINGS.indexOf(cap);

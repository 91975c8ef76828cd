/**
 * The form of a helper's name that matching compares (import resolution, the create form's duplicate check): spaces
 * removed (a register often writes "张 三" to align two-character names), full-width letters and digits made
 * half-width, and the middle dots of minority names (· • ・ ‧ ･ ·) made one. Null for a name with nothing left.
 */
export function helperNameKey(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const v = name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[•・‧･·∙⋅]/g, '·');
  return v.length ? v : null;
}

/** Whether two written names are the same helper's name. */
export const sameHelperName = (a: string | null | undefined, b: string | null | undefined) => {
  const ka = helperNameKey(a);
  return ka !== null && ka === helperNameKey(b);
};

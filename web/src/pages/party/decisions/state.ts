/** The colour of a decision's step reached: in progress blue, disclosed green, rejected red. */
export function stateColor(state: string): string {
  if (state === 'rejected') return 'red';
  if (state === 'result_disclosed') return 'green';
  if (state === 'decision_disclosed') return 'cyan';
  return 'blue';
}

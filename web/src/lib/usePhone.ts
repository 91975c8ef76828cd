import { Grid } from 'antd';

/**
 * A phone-sized screen: narrower than antd's `md` breakpoint (768 px). The layout swaps the side menu for a drawer
 * and lists show cards at this width; CSS for the same width uses `@media (max-width: 767.98px)`.
 */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

import { registryIndicators } from '../registry/indicators.ts';
import type { IndicatorProvider } from './types.ts';

/** Every module's contribution to the command centre. A module with indicators adds itself here and nowhere else. */
export const PROVIDERS: readonly IndicatorProvider[] = [registryIndicators];

import { App } from 'antd';
import type { ReactNode } from 'react';
import { useMemo } from 'react';

export interface Toast {
  success(content: ReactNode): void;
  error(content: ReactNode): void;
  info(content: ReactNode): void;
  warning(content: ReactNode): void;
}

/**
 * antd's message API bound to the app's theme and locale. Its calls return a thenable that settles when the toast
 * closes (seconds later); no page waits for that, so these methods return nothing and the thenable is dropped here,
 * in one place, rather than at every call (the promise lint rules would flag each one).
 */
export function useToast(): Toast {
  const { message } = App.useApp();
  return useMemo(
    () => ({
      success: (content) => void message.success(content),
      error: (content) => void message.error(content),
      info: (content) => void message.info(content),
      warning: (content) => void message.warning(content),
    }),
    [message],
  );
}

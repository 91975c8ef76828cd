import { useCallback } from 'react';
import { isApiError } from '../../api/client';
import type { StepValues } from './StepModal';

/**
 * The `onStep` of a ProcedurePanel: sends the step with the version of the case read, then reloads. When someone
 * else moved the case meanwhile (409 PROCEDURE_CHANGED) it reloads too, and the error still reaches the panel, which
 * shows the server's message.
 */
export function useStepSender(
  send: (body: StepValues & { action: string; version: number }) => Promise<unknown>,
  version: number | undefined,
  reload: () => void,
) {
  return useCallback(
    async (action: string, values: StepValues) => {
      if (version === undefined) return;
      try {
        await send({ action, version, ...values });
      } catch (e) {
        if (isApiError(e, 'PROCEDURE_CHANGED')) reload();
        throw e;
      }
      reload();
    },
    [send, version, reload],
  );
}

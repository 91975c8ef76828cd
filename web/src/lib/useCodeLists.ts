import { useMemo } from 'react';
import { type CodeItem, type CodeListId, registry } from '../api/registry';
import { useI18n } from '../i18n';
import { useAsync } from './useAsync';

export interface CodeLists {
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** The items of one list, in the server's order (empty while loading). */
  items: (id: CodeListId) => CodeItem[];
  /** Select options of one list. */
  options: (id: CodeListId) => { value: string; label: string }[];
  /** A code's label in the UI language, or the code itself when unknown. */
  label: (id: CodeListId, code: string | null | undefined) => string;
  /** The code whose label (in the UI language) is `label`: the household detail carries some fields as labels only. */
  codeOf: (id: CodeListId, label: string | null | undefined) => string | undefined;
}

/** The registry's code lists (GET /api/registry/codelists), in the UI language, cached per language. */
export function useCodeLists(): CodeLists {
  const { lang } = useI18n();
  const state = useAsync(() => registry.codeLists(), [lang]);
  const data = state.data;
  return useMemo(() => {
    const byId = new Map((data ?? []).map((l) => [l.id, l.items]));
    const items = (id: CodeListId) => byId.get(id) ?? [];
    return {
      loading: state.loading,
      error: state.error,
      reload: state.reload,
      items,
      options: (id) => items(id).map((i) => ({ value: i.code, label: i.label })),
      label: (id, code) => (code ? (items(id).find((i) => i.code === code)?.label ?? code) : ''),
      codeOf: (id, label) => {
        if (!label) return undefined;
        const list = items(id);
        return list.find((i) => i.label === label)?.code ?? list.find((i) => i.code === label)?.code;
      },
    };
  }, [data, state.loading, state.error, state.reload]);
}

import { Cascader, Tag } from 'antd';
import { type CSSProperties, useCallback, useEffect, useRef, useState } from 'react';
import { regions } from '../api/endpoints';
import type { Region, RegionRef } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { useI18n } from '../i18n';

export interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: RegionOption[];
  region: RegionRef;
  poverty: boolean;
}

function toOption(r: Region): RegionOption {
  return {
    value: r.code,
    label: r.name,
    isLeaf: r.level >= 5 || r.childCount === 0,
    region: { code: r.code, name: r.name, level: r.level },
    poverty: r.isPovertyCounty,
  };
}

function findOption(options: RegionOption[], code: string): RegionOption | undefined {
  for (const o of options) {
    if (o.value === code) return o;
    if (code.startsWith(o.value) && o.children) {
      const hit = findOption(o.children, code);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The options of a region cascader, rooted at the user's scope: the only root is the scope itself and
 * every deeper level comes from GET /api/regions/:code/children, so nothing outside the scope can be offered.
 */
export function useRegionOptions() {
  const me = useMe();
  const { lang } = useI18n();
  const key = `${me.scope.code}|${lang}`;
  const [state, setState] = useState(() => ({ key, options: [toOption(me.scope)] }));
  // A different user or label language: start again from the scope root (state derived during render).
  const current = state.key === key ? state : { key, options: [toOption(me.scope)] };
  if (current !== state) setState(current);
  const options = current.options;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const setOptions = useCallback((f: (o: RegionOption[]) => RegionOption[]) => {
    setState((s) => ({ key: s.key, options: f(s.options) }));
  }, []);

  const loadChildren = useCallback(
    async (target: RegionOption) => {
      if (target.children || target.isLeaf) return;
      target.loading = true;
      setOptions((o) => [...o]);
      try {
        const kids = await regions.children(target.value);
        target.children = kids.map(toOption);
        if (kids.length === 0) target.isLeaf = true;
      } finally {
        target.loading = false;
        setOptions((o) => [...o]);
      }
    },
    [setOptions],
  );

  const loadData = useCallback(
    (selected: RegionOption[]) => {
      const target = selected[selected.length - 1];
      if (target) void loadChildren(target);
    },
    [loadChildren],
  );

  /** Load the levels along a path (from the scope root) so a value deep in the tree can be displayed. */
  const ensurePath = useCallback(
    async (path: RegionRef[]) => {
      for (const ref of path.slice(0, -1)) {
        const o = findOption(optionsRef.current, ref.code);
        if (!o) return;
        await loadChildren(o);
      }
    },
    [loadChildren],
  );

  return { options, loadData, ensurePath, key };
}

interface RegionCascaderProps {
  /** The selected region code (anything inside the user's scope), or undefined. */
  value?: string;
  onChange?: (code: string | undefined, ref?: RegionRef) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  size?: 'small' | 'medium' | 'large';
  disabled?: boolean;
  'data-testid'?: string;
  id?: string;
  status?: 'error' | 'warning';
  variant?: 'outlined' | 'borderless' | 'filled' | 'underlined';
  popupClassName?: string;
  /** Only a village (level 5) may be chosen; higher levels only open. */
  villageOnly?: boolean;
}

/** A lazy cascader over the user's scope; any level may be chosen (or, with villageOnly, only villages). */
export function RegionCascader({
  value,
  onChange,
  placeholder,
  allowClear = false,
  style,
  size,
  disabled,
  id,
  status,
  variant,
  popupClassName,
  villageOnly = false,
  'data-testid': testId,
}: RegionCascaderProps) {
  const { t } = useI18n();
  const { options, loadData, ensurePath, key } = useRegionOptions();
  const [pathCodes, setPathCodes] = useState<string[]>([]);

  // Resolve the value's path (the API answers it from the scope root down) and load the levels on it;
  // again when the options restart (`key`: another user or label language).
  // biome-ignore lint/correctness/useExhaustiveDependencies: key marks a restart of the options
  useEffect(() => {
    let live = true;
    if (!value) {
      setPathCodes([]);
      return;
    }
    regions.get(value).then(
      async (r) => {
        await ensurePath(r.path);
        if (live) setPathCodes(r.path.map((p) => p.code));
      },
      () => {
        if (live) setPathCodes([]);
      },
    );
    return () => {
      live = false;
    };
  }, [value, ensurePath, key]);

  return (
    <span data-testid={testId} style={{ display: 'inline-block', ...style }}>
      <Cascader<RegionOption>
        id={id}
        options={options}
        loadData={loadData}
        value={pathCodes}
        changeOnSelect={!villageOnly}
        allowClear={allowClear}
        size={size}
        status={status}
        variant={variant}
        disabled={disabled}
        style={{ width: '100%' }}
        placeholder={placeholder ?? t('header.regionPlaceholder')}
        classNames={popupClassName ? { popup: { root: popupClassName } } : undefined}
        displayRender={(labels) => <span title={labels.join(' / ')}>{labels.join(' / ')}</span>}
        optionRender={(o) => (
          <span data-code={o.value}>
            {o.label}
            {o.poverty ? (
              <Tag color="red" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                {t('regions.poverty')}
              </Tag>
            ) : null}
          </span>
        )}
        onChange={(codes, selected) => {
          const list = (codes ?? []) as string[];
          setPathCodes(list);
          const last = selected?.[selected.length - 1] as RegionOption | undefined;
          onChange?.(list[list.length - 1], last?.region);
        }}
      />
    </span>
  );
}

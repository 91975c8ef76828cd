import type { ListLink } from '../../api/command';

/** The address of the list behind a figure, in `region`: e.g. /registry/households?gap=no_helper&region=211381. */
export function listHref(link: ListLink, region: string): string {
  return `${link.path}?${new URLSearchParams({ ...link.query, region })}`;
}

/** The library's search box and filters (site, concept, claim type, tag, colour, date range). */
import type { Translate } from '../types';
import { EMPTY_FILTERS, LIB_COLORS, activeFilterCount, type LibraryFilters } from './model';

export interface FilterOptions {
  sites: { site: string; count: number }[];
  tags: { tag: string; count: number }[];
  concepts: { id: string; title: string; count: number }[];
  categories: { category: string; label: string }[];
}

export interface FiltersProps {
  t: Translate;
  filters: LibraryFilters;
  options: FilterOptions;
  onChange: (f: LibraryFilters) => void;
}

export function Filters({ t, filters, options, onChange }: FiltersProps) {
  const set = (key: keyof LibraryFilters) => (e: Event) => onChange({ ...filters, [key]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const active = activeFilterCount(filters);
  // A value the options no longer list (its last row was deleted) stays selectable, so the select shows it.
  const keep = <T,>(list: T[], value: string, has: (x: T) => boolean, make: () => T) => (value && !list.some(has) ? [...list, make()] : list);
  const sites = keep(options.sites, filters.site, (s) => s.site === filters.site, () => ({ site: filters.site, count: 0 }));
  const tags = keep(options.tags, filters.tag, (x) => x.tag === filters.tag, () => ({ tag: filters.tag, count: 0 }));
  const concepts = keep(options.concepts, filters.concept, (c) => c.id === filters.concept, () => ({ id: filters.concept, title: filters.concept, count: 0 }));
  return (
    <form class="cl-lib-filters" role="search" aria-label={t('lib_filters')} onSubmit={(e) => e.preventDefault()}>
      <label class="cl-lib-field cl-lib-field--search">
        <span>{t('lib_search')}</span>
        <input type="search" name="text" class="cl-lib-search" value={filters.text} placeholder={t('lib_search_placeholder')} onInput={set('text')} />
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_site')}</span>
        <select name="site" value={filters.site} onChange={set('site')}>
          <option value="">{t('lib_any')}</option>
          {sites.map((s) => (
            <option key={s.site} value={s.site}>
              {`${s.site} (${s.count})`}
            </option>
          ))}
        </select>
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_concept')}</span>
        <select name="concept" value={filters.concept} onChange={set('concept')}>
          <option value="">{t('lib_any')}</option>
          {concepts.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.title} (${c.count})`}
            </option>
          ))}
        </select>
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_category')}</span>
        <select name="category" value={filters.category} onChange={set('category')}>
          <option value="">{t('lib_any')}</option>
          {options.categories.map((c) => (
            <option key={c.category} value={c.category}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_tag')}</span>
        <select name="tag" value={filters.tag} onChange={set('tag')}>
          <option value="">{t('lib_any')}</option>
          {tags.map((x) => (
            <option key={x.tag} value={x.tag}>
              {`#${x.tag} (${x.count})`}
            </option>
          ))}
        </select>
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_color')}</span>
        <select name="color" value={filters.color} onChange={set('color')}>
          <option value="">{t('lib_any')}</option>
          {LIB_COLORS.map((c) => (
            <option key={c} value={c}>
              {t(`lib_color_${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_anchor')}</span>
        <select name="anchor" value={filters.anchor} onChange={set('anchor')}>
          <option value="">{t('lib_any')}</option>
          <option value="orphan">{t('lib_anchor_orphan')}</option>
          <option value="found">{t('lib_anchor_found')}</option>
        </select>
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_from')}</span>
        <input type="date" name="from" value={filters.from} onInput={set('from')} onChange={set('from')} />
      </label>
      <label class="cl-lib-field">
        <span>{t('lib_filter_to')}</span>
        <input type="date" name="to" value={filters.to} onInput={set('to')} onChange={set('to')} />
      </label>
      <button type="button" class="cl-lib-filters__clear" disabled={active === 0 && !filters.text} onClick={() => onChange({ ...EMPTY_FILTERS })}>
        {t('lib_clear_filters')}
      </button>
    </form>
  );
}

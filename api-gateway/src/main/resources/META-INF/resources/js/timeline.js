// The timeline: every item newest first, a page per keyset cursor, with month and day headers and multi-select.

import {api} from './api.js';
import {h} from './dom.js';
import {Grid} from './grid.js';
import {librarySource} from './thumbs.js';
import {openViewer} from './viewer.js';
import {addToAlbumDialog} from './albums.js';

const PAGE = 100;

/** The timeline, from the newest item or (year) from the end of that year back. */
export function showTimeline(main, session, year = null) {
  let cursor = null;
  const selection = new Set();
  const count = h('span', {class: 'count', role: 'status'});
  const canCurate = session.me.role !== 'viewer';
  const bar = h('div', {class: 'selection-bar', hidden: true},
    count,
    canCurate ? h('button', {type: 'button', class: 'add-to-album',
      onclick: () => addToAlbumDialog([...selection], () => { selection.clear(); grid.refreshSelection(); changed(); })},
    'Add to album…') : null,
    h('button', {type: 'button', class: 'link', onclick: () => { selection.clear(); grid.refreshSelection(); changed(); }},
      'Clear selection'));
  const grid = new Grid({
    source: librarySource,
    headers: true,
    selection,
    label: 'Timeline',
    onSelect: () => changed(),
    onView: (item) => rail.mark(item),
    loadMore: async () => {
      if (cursor === undefined) return null;
      const query = new URLSearchParams({limit: String(PAGE)});
      if (cursor) query.set('cursor', cursor);
      if (year) query.set('to', `${year + 1}-01-01`);
      const page = await api(`/api/v1/media?${query}`);
      cursor = page.nextCursor || undefined;
      return page.items;
    },
    onOpen: (index) => openViewer({items: grid.items, index, source: librarySource, grid,
      details: (item) => api(`/api/v1/media/${item.id}`)}),
  });
  function changed() {
    bar.hidden = selection.size === 0;
    count.textContent = `${selection.size} selected`;
  }
  const rail = yearRail(year);
  main.append(h('h1', {class: 'visually-hidden'}, year ? `Photos from ${year} back` : 'Photos'), bar, rail.el, grid.root);
  grid.start();
  return () => grid.dispose();
}

/**
 * The scrubber: a link per year that has items (GET /api/v1/media/months), each restarting the timeline at the end of
 * that year; the year in view is marked while scrolling.
 */
function yearRail(chosen) {
  const el = h('nav', {class: 'year-rail', 'aria-label': 'Jump to a year'});
  const links = new Map();
  api('/api/v1/media/months').then((months) => {
    const years = new Map();
    for (const m of months) years.set(m.year, (years.get(m.year) || 0) + m.items);
    el.append(h('a', {href: '#/', 'aria-current': chosen ? null : 'page'}, 'Newest'));
    for (const [year, count] of years) {
      const link = h('a', {href: `#/y/${year}`, title: `${count.toLocaleString()} items`,
        'aria-current': year === chosen ? 'page' : null, dataset: {year: String(year)}}, String(year));
      links.set(year, link);
      el.append(link);
    }
  }, () => { el.hidden = true; });
  let marked = null;
  return {
    el,
    mark(item) {
      const year = item && item.takenAt ? new Date(item.takenAt).getUTCFullYear() : null;
      const link = links.get(year) || null;
      if (link === marked) return;
      marked?.classList.remove('here');
      link?.classList.add('here');
      marked = link;
    },
  };
}

// The timeline: every item newest first, a page per keyset cursor, with month and day headers and multi-select.

import {api} from './api.js';
import {h} from './dom.js';
import {Grid} from './grid.js';
import {librarySource} from './thumbs.js';
import {openViewer} from './viewer.js';
import {addToAlbumDialog} from './albums.js';

const PAGE = 100;

/**
 * The timeline, from the newest item or (year) from the end of that year back; view 'favourites' or 'archive'
 * narrows it (the archive is the only place archived items show).
 */
export function showTimeline(main, session, year = null, view = 'all') {
  let cursor = null;
  const selection = new Set();
  const count = h('span', {class: 'count', role: 'status'});
  const canCurate = session.me.role !== 'viewer';
  const done = () => { selection.clear(); grid.refreshSelection(); changed(); };
  const mark = (marks, text) => h('button', {type: 'button', class: `mark-${Object.keys(marks)[0]}`, onclick: async () => {
    const ids = [...selection];
    try {
      await api('/api/v1/media/marks', {method: 'POST', body: {itemIds: ids, ...marks}});
      if ('archived' in marks) grid.remove(new Set(ids)); // it leaves this view
      count.textContent = `${ids.length} ${ids.length === 1 ? 'item' : 'items'} marked`;
      selection.clear();
      grid.refreshSelection();
      setTimeout(changed, 1500);
    } catch (e) {
      count.textContent = e.message;
    }
  }}, text);
  const bar = h('div', {class: 'selection-bar', hidden: true},
    count,
    canCurate ? h('button', {type: 'button', class: 'add-to-album',
      onclick: () => addToAlbumDialog([...selection], done)}, 'Add to album…') : null,
    canCurate && view !== 'archive' ? mark({favourite: true}, 'Favourite') : null,
    canCurate ? mark({archived: view !== 'archive'}, view === 'archive' ? 'Unarchive' : 'Archive') : null,
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
      if (view === 'favourites') query.set('favourite', 'true');
      if (view === 'archive') query.set('archived', 'true');
      const page = await api(`/api/v1/media?${query}`);
      cursor = page.nextCursor || undefined;
      return page.items;
    },
    onOpen: (index) => openViewer({items: grid.items, index, source: librarySource, grid, canMark: canCurate,
      details: (item) => api(`/api/v1/media/${item.id}`)}),
  });
  function changed() {
    bar.hidden = selection.size === 0;
    count.textContent = `${selection.size} selected`;
  }
  const titles = {all: year ? `Photos from ${year} back` : 'Photos', favourites: 'Favourites', archive: 'Archive'};
  const rail = view === 'all' ? yearRail(year) : {el: null, mark() {}};
  const heading = view === 'all' ? h('h1', {class: 'visually-hidden'}, titles.all)
    : h('div', {class: 'page-head'}, h('h1', {}, titles[view]));
  // At the top, with nothing selected and no viewer open, new items simply appear; otherwise a note offers them.
  const live = view === 'all' && !year
    ? liveUpdates(() => window.scrollY < 10 && selection.size === 0 && !document.querySelector('.viewer')) : null;
  main.append(heading, bar, rail.el, live?.el, grid.root);
  grid.start();
  return () => { grid.dispose(); live?.close(); };
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

/**
 * New items while the page is open (GET /api/v1/events, server-sent): a note offers to show them; the grid does not
 * jump under the reader's eyes. Thumbnails and transcodes in progress show as a quiet count.
 */
function liveUpdates(mayRefresh) {
  const el = h('div', {class: 'live', role: 'status'});
  let fresh = 0;
  let working = new Set();
  let quiet = null;
  let settle = null;
  const refresh = () => window.dispatchEvent(new HashChangeEvent('hashchange')); // this view again, from the top
  const source = new EventSource('/api/v1/events');
  source.onmessage = (message) => {
    let update;
    try {
      update = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (update.type === 'indexed') {
      fresh += 1;
      // A burst of new files: one refresh a second at most (a steady stream still shows up).
      settle ??= setTimeout(() => {
        settle = null;
        if (mayRefresh()) refresh();
      }, 1000);
    }
    else if (update.type === 'progress' && update.contentHash) working.add(update.contentHash);
    else if ((update.type === 'transcoded' || update.type === 'failed') && update.contentHash) working.delete(update.contentHash);
    else return;
    clearTimeout(quiet);
    quiet = setTimeout(() => { working = new Set(); show(); }, 30000);
    show();
  };
  function show() {
    const parts = [];
    if (fresh) {
      parts.push(h('button', {type: 'button', class: 'live-show', onclick: refresh},
        `${fresh} new ${fresh === 1 ? 'item' : 'items'}: show`));
    }
    if (working.size) parts.push(h('span', {}, `Making ${working.size} ${working.size === 1 ? 'video' : 'videos'} playable…`));
    el.replaceChildren(...parts);
  }
  return {el, close: () => { source.close(); clearTimeout(quiet); clearTimeout(settle); }};
}

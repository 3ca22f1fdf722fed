// The timeline: every item newest first, a page per keyset cursor, with month and day headers and multi-select.

import {api} from './api.js';
import {h} from './dom.js';
import {Grid} from './grid.js';
import {librarySource} from './thumbs.js';
import {openViewer} from './viewer.js';
import {addToAlbumDialog} from './albums.js';

const PAGE = 100;

export function showTimeline(main, session) {
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
    loadMore: async () => {
      if (cursor === undefined) return null;
      const query = new URLSearchParams({limit: String(PAGE)});
      if (cursor) query.set('cursor', cursor);
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
  main.append(h('h1', {class: 'visually-hidden'}, 'Photos'), bar, grid.root);
  grid.start();
  return () => grid.dispose();
}

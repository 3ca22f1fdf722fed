// Finding things: search with filters, folders as they are on disk, and duplicates (the same file in several places).

import {api} from './api.js';
import {h} from './dom.js';
import {Grid} from './grid.js';
import {librarySource, describe} from './thumbs.js';
import {openViewer} from './viewer.js';

const KINDS = [['', 'Everything'], ['image', 'Photos'], ['video', 'Videos'], ['raw', 'RAW'], ['live_photo', 'Live Photos'],
  ['animated', 'Animations']];

/** A grid over GET /api/v1/media narrowed by `params`, page by page, opening the viewer. */
function itemsGrid(params, session, {headers = true, label = 'Items'} = {}) {
  let cursor = null;
  const grid = new Grid({
    source: librarySource, headers, label,
    loadMore: async () => {
      if (cursor === undefined) return null;
      const query = new URLSearchParams({limit: '100', ...params});
      if (cursor) query.set('cursor', cursor);
      const page = await api(`/api/v1/media?${query}`);
      cursor = page.nextCursor || undefined;
      return page.items;
    },
    onOpen: (index) => openViewer({items: grid.items, index, source: librarySource, grid,
      canMark: session.me.role !== 'viewer', details: (item) => api(`/api/v1/media/${item.id}`)}),
  });
  return grid;
}

/** #/search/{words}/{kind}: words in file names, titles, descriptions and keywords, and a kind. */
export function showSearch(main, session, encodedWords = '', encodedKind = '') {
  const words = decodeURIComponent(encodedWords);
  const kind = decodeURIComponent(encodedKind);
  const q = h('input', {id: 'search-q', type: 'search', value: words, placeholder: 'beach, IMG_2041, Oma…',
    autocomplete: 'off'});
  const kindSelect = h('select', {id: 'search-kind'}, KINDS.map(([v, t]) => h('option', {value: v}, t)));
  kindSelect.value = kind;
  const form = h('form', {class: 'search-form', role: 'search'},
    h('label', {for: 'search-q'}, 'Words'), q, h('label', {for: 'search-kind'}, 'Kind'), kindSelect,
    h('button', {type: 'submit'}, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/search/${encodeURIComponent(q.value.trim())}/${encodeURIComponent(kindSelect.value)}`;
  });
  main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Search')), form);
  let grid = null;
  if (words.trim() || kind) {
    const params = {};
    if (words.trim()) params.q = words.trim();
    if (kind) params.kind = kind;
    grid = itemsGrid(params, session, {label: 'Results'});
    main.append(grid.root);
    grid.start();
  } else {
    q.focus();
  }
  return () => grid?.dispose();
}

/** #/folders/{root}/{folder…}: the roots, a folder's sub-folders with their counts, and its own items. */
export function showFolders(main, session, parts) {
  const [root, ...rest] = parts.map(decodeURIComponent);
  const folder = rest.join('/');
  const crumbs = h('nav', {class: 'crumbs', 'aria-label': 'Folder path'}, h('a', {href: '#/folders'}, 'Library'));
  if (root) {
    let path = `#/folders/${encodeURIComponent(root)}`;
    crumbs.append(' / ', h('a', {href: path}, root));
    for (const name of rest) {
      path += `/${encodeURIComponent(name)}`;
      crumbs.append(' / ', h('a', {href: path}, name));
    }
  }
  const list = h('ul', {class: 'folders', 'aria-label': 'Folders'});
  const note = h('p', {class: 'album-meta', role: 'status'});
  main.append(h('div', {class: 'page-head'}, h('div', {}, h('h1', {}, folder ? rest[rest.length - 1] : root || 'Folders'),
    crumbs)), note, list);
  const query = new URLSearchParams();
  if (root) query.set('root', root);
  if (folder) query.set('folder', folder);
  api(`/api/v1/folders?${query}`).then((listing) => {
    const entries = listing.roots
      ? Object.entries(listing.roots).map(([name, items]) => ({name, href: `#/folders/${encodeURIComponent(name)}`, items}))
      : listing.folders.map((f) => ({name: f.name, items: f.items,
        href: `#/folders/${[root, ...f.path.split('/')].map(encodeURIComponent).join('/')}`}));
    list.replaceChildren(...entries.map((e) => h('li', {}, h('a', {class: 'folder', href: e.href},
      h('span', {class: 'folder-name'}, e.name), h('span', {class: 'album-meta'}, `${e.items.toLocaleString()} items`)))));
    note.textContent = listing.truncated ? 'Only the first folders are shown.' : '';
  }, (e) => { note.textContent = e.message; });
  let grid = null;
  if (root) {
    grid = itemsGrid({root, folder}, session, {label: `Items in ${folder || root}`});
    main.append(grid.root);
    grid.start();
  }
  return () => grid?.dispose();
}

/** #/duplicates: groups of identical files, each copy with where it lies. */
export function showDuplicates(main, session) {
  const list = h('ul', {class: 'duplicates', 'aria-label': 'Duplicate groups'});
  const more = h('button', {type: 'button', hidden: true, onclick: () => load()}, 'More');
  const note = h('p', {class: 'grid-status', role: 'status'}, 'Loading…');
  main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Duplicates')),
    h('p', {class: 'album-meta'}, 'The same file in more than one place. Originals are never changed here.'), list, note, more);
  let cursor = null;
  async function load() {
    more.hidden = true;
    try {
      const query = new URLSearchParams({limit: '50'});
      if (cursor) query.set('cursor', cursor);
      const page = await api(`/api/v1/duplicates?${query}`);
      for (const group of page.groups) {
        const items = group.items;
        list.append(h('li', {class: 'duplicate', dataset: {hash: group.contentHash}},
          items.slice(0, 1).map((item) => {
            const url = librarySource.url(item, 'fit-720');
            return url ? h('img', {src: url, alt: describe(item), width: 120, height: 90, loading: 'lazy'}) : null;
          }),
          h('ul', {}, items.map((item, i) => h('li', {}, h('button', {type: 'button', class: 'link',
            onclick: () => openViewer({items, index: i, source: librarySource, canMark: session.me.role !== 'viewer',
              details: (it) => api(`/api/v1/media/${it.id}`)})}, `${item.root}/${item.path}`))))));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      note.textContent = list.childElementCount ? '' : 'No duplicates.';
    } catch (e) {
      note.textContent = e.message;
    }
  }
  load();
  return () => {};
}

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

/**
 * #/search/{words}/{kind}/{filters}: words in file names, titles, descriptions and keywords, a kind, and the
 * timeline's other filters (filters is a query string: from and to as dates, both days included; make and model of
 * the camera; favourite=true).
 */
export function showSearch(main, session, encodedWords = '', encodedKind = '', encodedFilters = '') {
  const words = decodeURIComponent(encodedWords);
  const kind = decodeURIComponent(encodedKind);
  const filters = new URLSearchParams(decodeURIComponent(encodedFilters));
  const field = (id, label, input) => h('div', {class: 'field'}, h('label', {for: id}, label), input);
  const q = h('input', {id: 'search-q', type: 'search', value: words, placeholder: 'beach, IMG_2041, Oma…',
    autocomplete: 'off'});
  const kindSelect = h('select', {id: 'search-kind'}, KINDS.map(([v, t]) => h('option', {value: v}, t)));
  kindSelect.value = kind;
  const from = h('input', {id: 'search-from', type: 'date', value: filters.get('from') || ''});
  const to = h('input', {id: 'search-to', type: 'date', value: filters.get('to') || ''});
  const make = h('input', {id: 'search-make', value: filters.get('make') || '', placeholder: 'Canon, Apple…',
    autocomplete: 'off', maxlength: 64});
  const model = h('input', {id: 'search-model', value: filters.get('model') || '', placeholder: 'iPhone 13 Pro',
    autocomplete: 'off', maxlength: 128});
  const favourite = h('input', {id: 'search-favourite', type: 'checkbox', checked: filters.get('favourite') === 'true'});
  const error = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'search-form', role: 'search'},
    field('search-q', 'Words', q), field('search-kind', 'Kind', kindSelect),
    field('search-from', 'From', from), field('search-to', 'To', to),
    field('search-make', 'Camera make', make), field('search-model', 'Camera model', model),
    h('div', {class: 'field check'}, favourite, h('label', {for: 'search-favourite'}, 'Favourites only')),
    h('button', {type: 'submit'}, 'Search'), error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (model.value.trim() && !make.value.trim()) return void (error.textContent = 'A camera model needs its make.');
    if (from.value && to.value && from.value > to.value) return void (error.textContent = '“From” is after “To”.');
    const chosen = new URLSearchParams();
    if (from.value) chosen.set('from', from.value);
    if (to.value) chosen.set('to', to.value);
    if (make.value.trim()) chosen.set('make', make.value.trim());
    if (model.value.trim()) chosen.set('model', model.value.trim());
    if (favourite.checked) chosen.set('favourite', 'true');
    const rest = chosen.toString() ? `/${encodeURIComponent(chosen.toString())}` : '';
    location.hash = `#/search/${encodeURIComponent(q.value.trim())}/${encodeURIComponent(kindSelect.value)}${rest}`;
  });
  main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Search')), form);
  let grid = null;
  const params = {};
  if (words.trim()) params.q = words.trim();
  if (kind) params.kind = kind;
  if (filters.get('from')) params.from = filters.get('from');
  if (filters.get('to')) params.to = nextDay(filters.get('to')); // the API's "to" is exclusive; the form's day counts
  if (filters.get('make')) params.make = filters.get('make');
  if (filters.get('model')) params.model = filters.get('model');
  if (filters.get('favourite') === 'true') params.favourite = 'true';
  if (Object.keys(params).length) {
    grid = itemsGrid(params, session, {label: 'Results'});
    main.append(grid.root);
    grid.start();
  } else {
    q.focus();
  }
  return () => grid?.dispose();
}

function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
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

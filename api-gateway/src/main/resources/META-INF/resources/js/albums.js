// Albums: the list, one album (its items in album order), making one, adding a selection, and sharing one.

import {api} from './api.js';
import {h, formatDateTime} from './dom.js';
import {Grid} from './grid.js';
import {librarySource} from './thumbs.js';
import {openViewer} from './viewer.js';

export function showAlbums(main, session) {
  const list = h('ul', {class: 'albums', 'aria-label': 'Albums'});
  const status = h('p', {class: 'grid-status', role: 'status'}, 'Loading…');
  const heading = h('div', {class: 'page-head'}, h('h1', {}, 'Albums'),
    session.me.role !== 'viewer' ? h('button', {type: 'button', class: 'new-album',
      onclick: () => newAlbumDialog((album) => { location.hash = `#/a/${album.id}`; })}, 'New album') : null);
  main.append(heading, status, list);
  let live = true;
  api('/api/v1/albums').then((albums) => {
    if (!live) return;
    const all = Array.isArray(albums) ? albums : albums.items || [];
    status.textContent = all.length ? '' : 'No albums yet.';
    for (const album of all) {
      const cover = album.coverItemId != null
        ? h('img', {src: `/api/v1/media/${album.coverItemId}/thumbnails/tile-448`, alt: '', width: 224, height: 224})
        : h('span', {class: 'cover-empty', 'aria-hidden': 'true'}, '▦');
      list.append(h('li', {}, h('a', {class: 'album-card', href: `#/a/${album.id}`, dataset: {id: String(album.id)}},
        cover, h('span', {class: 'album-title'}, album.title),
        h('span', {class: 'album-meta'}, `${album.itemCount} ${album.itemCount === 1 ? 'item' : 'items'} · ${album.owner}`))));
    }
  }, (e) => { status.textContent = e.message; });
  return () => { live = false; };
}

export function showAlbum(main, id, session) {
  let cursor = null;
  const title = h('h1', {}, 'Album');
  const meta = h('p', {class: 'album-meta'});
  const actions = h('div', {class: 'actions'});
  const grid = new Grid({
    source: librarySource,
    label: 'Album items',
    loadMore: async () => {
      if (cursor === undefined) return null;
      const query = new URLSearchParams({limit: '100'});
      if (cursor) query.set('cursor', cursor);
      const page = await api(`/api/v1/albums/${id}?${query}`);
      cursor = page.nextCursor || undefined;
      title.textContent = page.album.title;
      document.title = `${page.album.title} · Darkroom`;
      meta.textContent = `${page.album.itemCount} ${page.album.itemCount === 1 ? 'item' : 'items'} · by ${page.album.owner}`
        + ` · updated ${formatDateTime(page.album.updatedAt)}`;
      if (!actions.childElementCount && session.me.role !== 'viewer') {
        actions.append(h('button', {type: 'button', class: 'share', onclick: () => shareDialog('album', id)}, 'Share…'));
      }
      return page.items;
    },
    onOpen: (index) => openViewer({items: grid.items, index, source: librarySource, grid,
      canMark: session.me.role !== 'viewer', details: (item) => api(`/api/v1/media/${item.id}`)}),
  });
  main.append(h('div', {class: 'page-head'}, h('div', {}, title, meta), actions), grid.root);
  grid.start();
  return () => { grid.dispose(); document.title = 'Darkroom'; };
}

/** A modal <dialog>: its form's submit runs `onSubmit(form)`; a thrown error's message shows in the dialog. */
function dialog(titleText, fields, submitText, onSubmit) {
  const error = h('p', {class: 'error', role: 'alert'});
  const submit = h('button', {type: 'submit'}, submitText);
  const form = h('form', {method: 'dialog'}, h('h2', {}, titleText), fields, error,
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'link', onclick: () => box.close()}, 'Cancel'), submit));
  const box = h('dialog', {class: 'dialog', 'aria-label': titleText}, form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      if (await onSubmit(form) !== false) box.close();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      submit.disabled = false;
    }
  });
  box.addEventListener('close', () => box.remove());
  document.body.append(box);
  box.showModal();
  return box;
}

function newAlbumDialog(created) {
  const input = h('input', {id: 'album-title', name: 'title', required: true, maxlength: 200});
  dialog('New album', [h('label', {for: 'album-title'}, 'Title'), input], 'Create', async () => {
    created(await api('/api/v1/albums', {method: 'POST', body: {title: input.value}}));
  });
  input.focus();
}

/** Adds `ids` to an existing album or a new one. */
export async function addToAlbumDialog(ids, added) {
  const albums = await api('/api/v1/albums').catch(() => []);
  const all = Array.isArray(albums) ? albums : albums.items || [];
  const select = h('select', {id: 'album-choice', name: 'album'},
    h('option', {value: 'new'}, 'A new album…'),
    all.map((a) => h('option', {value: String(a.id)}, a.title)));
  const title = h('input', {id: 'new-album-title', name: 'title', maxlength: 200});
  const titleRow = h('div', {class: 'field'}, h('label', {for: 'new-album-title'}, 'New album title'), title);
  select.addEventListener('change', () => { titleRow.hidden = select.value !== 'new'; });
  const count = `${ids.length} ${ids.length === 1 ? 'item' : 'items'}`;
  dialog(`Add ${count} to an album`, [h('label', {for: 'album-choice'}, 'Album'), select, titleRow], 'Add',
    async () => {
      let id = select.value;
      if (id === 'new') {
        if (!title.value.trim()) throw new Error('Give the new album a title.');
        id = (await api('/api/v1/albums', {method: 'POST', body: {title: title.value}})).id;
      }
      const result = await api(`/api/v1/albums/${id}/items`, {method: 'POST', body: {itemIds: ids}});
      toast(`Added to “${result.album.title}”.`, `#/a/${id}`);
      added();
    });
  (all.length ? select : title).focus();
}

/** Makes a share link (optional expiry and password) and shows it to copy. */
export function shareDialog(scope, targetId) {
  const expires = h('input', {id: 'share-expires', name: 'expires', type: 'date'});
  const password = h('input', {id: 'share-password', name: 'password', type: 'password', autocomplete: 'new-password'});
  const result = h('div', {class: 'share-result'});
  const box = dialog('Share link', [
    h('label', {for: 'share-expires'}, 'Expires (optional)'), expires,
    h('label', {for: 'share-password'}, 'Password (optional)'), password, result,
  ], 'Create link', async () => {
    const body = {scope, targetId};
    if (expires.value) body.expiresAt = new Date(`${expires.value}T23:59:59`).toISOString();
    if (password.value) body.password = password.value;
    const created = await api('/api/v1/shares', {method: 'POST', body});
    const url = `${location.origin}${location.pathname}#/s/${encodeURIComponent(created.token)}`;
    const link = h('input', {id: 'share-url', readonly: true, value: url, 'aria-label': 'Share link'});
    result.replaceChildren(h('label', {for: 'share-url'}, 'Anyone with this link can see it:'), link,
      h('button', {type: 'button', onclick: () => navigator.clipboard?.writeText(url).then(
        () => toast('Link copied.'), () => link.select())}, 'Copy'));
    link.select();
    box.querySelector('button[type=submit]').hidden = true;
    return false;
  });
}

function toast(text, href) {
  const note = h('div', {class: 'toast', role: 'status'}, href ? h('a', {href}, text) : text);
  document.body.append(note);
  setTimeout(() => note.remove(), 5000);
}

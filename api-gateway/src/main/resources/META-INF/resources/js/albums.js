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
  let album = null;
  const title = h('h1', {}, 'Album');
  const meta = h('p', {class: 'album-meta'});
  const actions = h('div', {class: 'actions'});
  const mayChange = () => album && session.me.role !== 'viewer'
    && (session.me.role === 'admin' || album.owner === session.me.username);
  function showMeta(a) {
    album = a;
    title.textContent = a.title;
    document.title = `${a.title} · Darkroom`;
    meta.textContent = `${a.itemCount} ${a.itemCount === 1 ? 'item' : 'items'} · by ${a.owner}`
      + ` · updated ${formatDateTime(a.updatedAt)}`;
  }
  const grid = new Grid({
    source: librarySource,
    label: 'Album items',
    loadMore: async () => {
      if (cursor === undefined) return null;
      const query = new URLSearchParams({limit: '100'});
      if (cursor) query.set('cursor', cursor);
      const page = await api(`/api/v1/albums/${id}?${query}`);
      cursor = page.nextCursor || undefined;
      showMeta(page.album);
      if (!actions.childElementCount && session.me.role !== 'viewer') {
        actions.append(h('button', {type: 'button', class: 'share', onclick: () => shareDialog('album', id)}, 'Share…'));
        if (mayChange()) {
          actions.append(
            h('button', {type: 'button', class: 'album-rename', onclick: () => renameDialog(album, showMeta)}, 'Rename…'),
            h('button', {type: 'button', class: 'album-arrange', onclick: () => arrangeDialog(album, () => reload())},
              'Arrange…'),
            h('button', {type: 'button', class: 'album-delete link', onclick: () => deleteDialog(album)}, 'Delete…'));
        }
      }
      return page.items;
    },
    onOpen: (index) => openViewer({items: grid.items, index, source: librarySource, grid,
      canMark: session.me.role !== 'viewer', details: (item) => api(`/api/v1/media/${item.id}`),
      extra: mayChange() ? (item) => h('button', {type: 'button', class: 'icon set-cover',
        'aria-label': 'Use as the album cover', onclick: async (e) => {
          const button = e.currentTarget;
          try {
            showMeta(await api(`/api/v1/albums/${id}`, {method: 'PATCH', body: {coverItemId: item.id}}));
            button.textContent = 'Cover ✓';
            toast('Cover changed.');
          } catch (err) {
            toast(err.message);
          }
        }}, 'Cover') : null}),
  });
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange')); // this album again, in its new order
  main.append(h('div', {class: 'page-head'}, h('div', {}, title, meta), actions), grid.root);
  grid.start();
  return () => { grid.dispose(); document.title = 'Darkroom'; };
}

function renameDialog(album, renamed) {
  const input = h('input', {id: 'album-new-title', name: 'title', required: true, maxlength: 200, value: album.title});
  dialog('Rename album', [h('label', {for: 'album-new-title'}, 'Title'), input], 'Rename', async () => {
    renamed(await api(`/api/v1/albums/${album.id}`, {method: 'PATCH', body: {title: input.value}}));
  });
  input.select();
}

function deleteDialog(album) {
  dialog('Delete album', [h('p', {}, 'Delete “', album.title, '”? Its photos stay in the library; its share links stop working.')],
    'Delete', async () => {
      await api(`/api/v1/albums/${album.id}`, {method: 'DELETE'});
      toast(`Album “${album.title}” deleted.`);
      location.hash = '#/albums';
    }).querySelector('button[type=submit]').classList.add('danger');
}

/** Every item of the album, page by page (the order API takes them all at once). */
async function allItems(id) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({limit: '500'});
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/api/v1/albums/${id}?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * The album's items as a list to put in order: drag a row, or its "Move up"/"Move down" buttons (keyboard: focus
 * stays on the moved item), and choose the cover. "Save order" sends the whole order (PUT …/order).
 */
async function arrangeDialog(album, saved) {
  const list = h('ol', {class: 'arrange', 'aria-label': 'Album order'});
  const status = h('p', {class: 'album-meta', role: 'status'}, 'Loading…');
  let items = [];
  let cover = album.coverItemId;
  let dragged = null;
  const box = dialog(`Arrange “${album.title}”`, [status, list], 'Save order', async () => {
    await api(`/api/v1/albums/${album.id}/order`, {method: 'PUT', body: {itemIds: items.map((i) => i.id)}});
    toast('Order saved.');
    saved();
  });
  box.classList.add('wide');
  function move(from, to, focusClass) {
    if (to < 0 || to >= items.length || from === to) return;
    const [item] = items.splice(from, 1);
    items.splice(to, 0, item);
    draw();
    status.textContent = `${name(item)} moved to position ${to + 1} of ${items.length}.`;
    // focus stays with the moved item: its same arrow, or (at an end, where that one is disabled) its other one
    const row = list.children[to];
    row?.querySelector(`.${focusClass}:not(:disabled)`)?.focus();
    if (row && document.activeElement?.closest('li') !== row) row.querySelector('button:not(:disabled)')?.focus();
  }
  function draw() {
    list.replaceChildren(...items.map((item, i) => {
      const url = librarySource.url(item, 'fit-720');
      const row = h('li', {draggable: 'true', dataset: {id: String(item.id)}, class: item.id === cover ? 'is-cover' : null},
        url ? h('img', {src: url, alt: '', width: 64, height: 48, loading: 'lazy'}) : h('span', {class: 'cover-empty'}),
        h('span', {class: 'arrange-name'}, name(item)),
        item.id === cover ? h('span', {class: 'badge-text'}, 'Cover') : null,
        h('button', {type: 'button', class: 'link move-up', disabled: i === 0, 'aria-label': `Move ${name(item)} up`,
          onclick: () => move(i, i - 1, 'move-up')}, '↑'),
        h('button', {type: 'button', class: 'link move-down', disabled: i === items.length - 1,
          'aria-label': `Move ${name(item)} down`, onclick: () => move(i, i + 1, 'move-down')}, '↓'),
        h('button', {type: 'button', class: 'link make-cover', 'aria-pressed': String(item.id === cover),
          'aria-label': `Use ${name(item)} as the cover`, onclick: async () => {
            try {
              const changed = await api(`/api/v1/albums/${album.id}`, {method: 'PATCH', body: {coverItemId: item.id}});
              cover = changed.coverItemId;
              draw();
              status.textContent = `${name(item)} is the cover.`;
              list.querySelector(`li[data-id="${item.id}"] .make-cover`)?.focus();
            } catch (e) {
              status.textContent = e.message;
            }
          }}, 'Cover'));
      row.addEventListener('dragstart', (e) => { dragged = i; e.dataTransfer.effectAllowed = 'move'; });
      row.addEventListener('dragover', (e) => { e.preventDefault(); });
      row.addEventListener('drop', (e) => {
        e.preventDefault();
        if (dragged != null) move(dragged, i, 'move-up');
        dragged = null;
      });
      return row;
    }));
  }
  try {
    items = await allItems(album.id);
    status.textContent = `${items.length} items. Drag them, or use the arrows.`;
    draw();
  } catch (e) {
    status.textContent = e.message;
  }
}

function name(item) {
  return item.fileName || `Item ${item.id}`;
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

/**
 * Makes a share link (optional expiry and password) and shows it to copy; lists the links already made for the same
 * album or item (one's own; an admin's: everyone's) with a "Revoke" each.
 */
export function shareDialog(scope, targetId) {
  const expires = h('input', {id: 'share-expires', name: 'expires', type: 'date'});
  const password = h('input', {id: 'share-password', name: 'password', type: 'password', autocomplete: 'new-password'});
  const result = h('div', {class: 'share-result'});
  const links = h('ul', {class: 'share-links', 'aria-label': 'Links made'});
  const linksNote = h('p', {class: 'album-meta', role: 'status'});
  const box = dialog('Share link', [
    h('label', {for: 'share-expires'}, 'Expires (optional)'), expires,
    h('label', {for: 'share-password'}, 'Password (optional)'), password, result,
    h('h3', {}, 'Links made'), linksNote, links,
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
    listLinks();
    return false;
  });
  async function listLinks() {
    try {
      const all = await api('/api/v1/shares');
      const mine = all.filter((l) => l.scope === scope && l.targetId === Number(targetId));
      linksNote.textContent = mine.length ? '' : 'None yet.';
      links.replaceChildren(...mine.map((l) => linkRow(l)));
    } catch (e) {
      linksNote.textContent = e.message;
    }
  }
  function linkRow(l) {
    const expired = l.expiresAt && new Date(l.expiresAt) <= new Date();
    const state = l.revokedAt ? `revoked ${formatDateTime(l.revokedAt)}` : expired ? 'expired' : 'active';
    const parts = [`Made ${formatDateTime(l.createdAt)}`, l.expiresAt ? `expires ${formatDateTime(l.expiresAt)}` : 'no expiry',
      l.passwordProtected ? 'password' : 'no password', state];
    return h('li', {dataset: {share: String(l.id), state: l.revokedAt ? 'revoked' : expired ? 'expired' : 'active'}},
      h('span', {}, parts.join(' · ')),
      !l.revokedAt ? h('button', {type: 'button', class: 'link revoke', 'aria-label': `Revoke the link made ${formatDateTime(l.createdAt)}`,
        onclick: async () => {
          try {
            await api(`/api/v1/shares/${l.id}`, {method: 'DELETE'});
            linksNote.textContent = 'Link revoked: it no longer opens.';
            await listLinks();
          } catch (e) {
            linksNote.textContent = e.message;
          }
        }}, 'Revoke') : null);
  }
  listLinks();
}

export function toast(text, href) {
  const note = h('div', {class: 'toast', role: 'status'}, href ? h('a', {href}, text) : text);
  document.body.append(note);
  setTimeout(() => note.remove(), 5000);
}

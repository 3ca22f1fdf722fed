// The full-screen viewer: one item at a time, arrows / Esc / swipe, and a metadata panel.

import {h, clear, formatDateTime} from './dom.js';
import {describe, displayed, fitFor} from './thumbs.js';

/**
 * Opens items[index]. grid (optional) loads further pages when stepping past the end; details(item) (optional)
 * resolves the full item for the panel.
 */
export function openViewer({items, index, source, grid = null, details = null}) {
  const previousFocus = document.activeElement;
  const image = h('img', {class: 'viewer-image', alt: ''});
  const note = h('p', {class: 'viewer-note', role: 'status'});
  const panel = h('aside', {class: 'viewer-panel', 'aria-label': 'Details', hidden: true});
  const position = h('span', {class: 'viewer-position'});
  const close = h('button', {type: 'button', class: 'icon', 'aria-label': 'Close viewer (Esc)', onclick: () => done()}, '✕');
  const info = h('button', {type: 'button', class: 'icon', 'aria-label': 'Show details (i)', 'aria-pressed': 'false',
    onclick: () => togglePanel()}, 'Info');
  const prev = h('button', {type: 'button', class: 'viewer-step prev', 'aria-label': 'Previous (←)', onclick: () => step(-1)}, '‹');
  const next = h('button', {type: 'button', class: 'viewer-step next', 'aria-label': 'Next (→)', onclick: () => step(1)}, '›');
  const stage = h('div', {class: 'viewer-stage'}, image, note, prev, next);
  const root = h('div', {class: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Viewer'},
    h('div', {class: 'viewer-bar'}, position, h('span', {class: 'spacer'}), info, close), stage, panel);

  let current = index;
  let serial = 0;

  function show() {
    const item = items[current];
    const mine = ++serial;
    root.dataset.id = String(item.id);
    root.dataset.index = String(current);
    position.textContent = `${current + 1} of ${grid && !grid.done ? `${items.length}+` : items.length}`;
    image.alt = describe(item);
    const {w, h: ht} = displayed(item);
    image.width = w;
    image.height = ht;
    note.textContent = item.kind === 'VIDEO' ? 'Video: playback comes with the next gallery step; this is its poster.' : '';
    const small = source.url(item, 'fit-720');
    if (!small) {
      image.removeAttribute('src');
      note.textContent = 'No preview of this item yet.';
    } else {
      // The grid's preview shows at once; the sharper one replaces it when loaded.
      image.src = small;
      const bigger = source.url(item, fitFor(Math.max(window.innerWidth, window.innerHeight)));
      if (bigger !== small) {
        const sharp = new Image();
        sharp.onload = () => { if (mine === serial) image.src = bigger; };
        sharp.src = bigger;
      }
    }
    prev.disabled = current === 0;
    next.disabled = current === items.length - 1 && (!grid || grid.done);
    fillPanel(item);
  }

  async function fillPanel(item) {
    const mine = serial;
    let full = item;
    if (details && !panel.hidden) {
      try {
        full = await details(item);
      } catch (e) {
        full = item;
      }
    }
    if (mine !== serial) return;
    const {w, h: ht} = displayed(full);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const rows = [
      ['Taken', full.takenAt ? `${formatDateTime(full.takenAt)} (${zone})` : 'Unknown'],
      ['File', full.fileName],
      ['Folder', full.root != null ? `${full.root}/${full.path || ''}` : null],
      ['Dimensions', full.width ? `${w} × ${ht}` : null],
      ['Type', full.mimeType],
      ['Status', full.status],
      ['Problem', full.failure ? full.failure.reason : null],
    ];
    clear(panel).append(h('h2', {}, 'Details'),
      h('dl', {}, rows.filter(([, v]) => v != null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  }

  function togglePanel() {
    panel.hidden = !panel.hidden;
    info.setAttribute('aria-pressed', String(!panel.hidden));
    fillPanel(items[current]);
  }

  async function step(delta) {
    const target = current + delta;
    if (target < 0) return;
    if (target >= items.length && !(grid && await grid.ensure(target))) return;
    current = target;
    show();
  }

  function onKey(event) {
    if (event.key === 'Escape') done();
    else if (event.key === 'ArrowRight') step(1);
    else if (event.key === 'ArrowLeft') step(-1);
    else if (event.key === 'i') togglePanel();
    else return;
    event.preventDefault();
  }

  // Swipe: a mostly horizontal drag of 50 px steps; a short tap does nothing.
  let startX = null;
  let startY = null;
  stage.addEventListener('pointerdown', (e) => { startX = e.clientX; startY = e.clientY; });
  stage.addEventListener('pointerup', (e) => {
    if (startX == null) return;
    const dx = e.clientX - startX;
    const dy = e.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) step(dx < 0 ? 1 : -1);
  });

  function done() {
    document.removeEventListener('keydown', onKey);
    window.removeEventListener('hashchange', done);
    root.remove();
    document.body.classList.remove('viewing');
    if (previousFocus && previousFocus.isConnected) previousFocus.focus();
  }

  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', done); // another page: the viewer belongs to the one it opened on
  document.body.append(root);
  document.body.classList.add('viewing');
  show();
  close.focus();
  return {close: done};
}

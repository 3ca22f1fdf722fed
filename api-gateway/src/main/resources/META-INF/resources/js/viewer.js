// The full-screen viewer: one item at a time, arrows / Esc / swipe, zoom (wheel, pinch, double-click, + and -, a drag
// pans), Live Photos (the motion half plays while the LIVE badge is hovered or the picture pressed), and a metadata
// panel.

import {api} from './api.js';
import {shareDialog} from './albums.js';
import {h, clear, formatDateTime} from './dom.js';
import {describe, displayed, fitFor, librarySource} from './thumbs.js';

/**
 * Opens items[index]. grid (optional) loads further pages when stepping past the end; details(item) (optional)
 * resolves the full item for the panel.
 */
export function openViewer({items, index, source, grid = null, details: fetchDetails = null, canMark = false, extra = null}) {
  // Each item's details once per opening: the panel and the Live Photo check both read them.
  const known = new Map();
  const details = fetchDetails && ((item) => {
    if (!known.has(item.id)) known.set(item.id, fetchDetails(item).catch((e) => { known.delete(item.id); throw e; }));
    return known.get(item.id);
  });
  const previousFocus = document.activeElement;
  const image = h('img', {class: 'viewer-image', alt: '', draggable: 'false'});
  const note = h('p', {class: 'viewer-note', role: 'status'});
  const panel = h('aside', {class: 'viewer-panel', 'aria-label': 'Details', hidden: true});
  const position = h('span', {class: 'viewer-position'});
  const close = h('button', {type: 'button', class: 'icon', 'aria-label': 'Close viewer (Esc)', onclick: () => done()}, '✕');
  const info = h('button', {type: 'button', class: 'icon', 'aria-label': 'Show details (i)', 'aria-pressed': 'false',
    onclick: () => togglePanel()}, 'Info');
  const favourite = canMark ? h('button', {type: 'button', class: 'icon favourite', 'aria-pressed': 'false',
    'aria-label': 'Favourite (f)', onclick: () => toggleFavourite()}, '♡') : null;
  const share = canMark ? h('button', {type: 'button', class: 'icon share-item', 'aria-label': 'Share this item',
    onclick: () => shareDialog('item', items[current].id)}, 'Share') : null;
  const prev = h('button', {type: 'button', class: 'viewer-step prev', 'aria-label': 'Previous (←)', onclick: () => step(-1)}, '‹');
  const next = h('button', {type: 'button', class: 'viewer-step next', 'aria-label': 'Next (→)', onclick: () => step(1)}, '›');
  const zoomOut = h('button', {type: 'button', class: 'icon zoom-out', 'aria-label': 'Zoom out (-)', onclick: () => zoomBy(1 / 1.5)}, '−');
  const zoomIn = h('button', {type: 'button', class: 'icon zoom-in', 'aria-label': 'Zoom in (+)', onclick: () => zoomBy(1.5)}, '+');
  const extraSlot = h('span', {class: 'viewer-extra'});
  const live = h('button', {type: 'button', class: 'live-badge', hidden: true,
    'aria-label': 'Live Photo: play its motion (hover or press)'}, 'LIVE');
  const stage = h('div', {class: 'viewer-stage'}, image, note, live, prev, next);
  const root = h('div', {class: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Viewer'},
    h('div', {class: 'viewer-bar'}, position, h('span', {class: 'spacer'}), zoomOut, zoomIn, extraSlot, share, favourite,
      info, close), stage, panel);

  let current = index;
  let serial = 0;
  let video = null;

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
    note.textContent = '';
    video?.remove();
    video = null;
    image.hidden = false;
    resetZoom();
    stopMotion();
    live.hidden = true;
    motionId = null;
    extraSlot.replaceChildren(extra ? extra(item) : '');
    const small = source.url(item, 'fit-720');
    if (item.kind === 'VIDEO' && source.video) {
      // The poster is the preview; the browser streams the video with range requests.
      video = h('video', {class: 'viewer-video', controls: true, playsinline: true, preload: 'metadata',
        'aria-label': describe(item), poster: source.url(item, fitFor(Math.max(window.innerWidth, window.innerHeight)))});
      video.addEventListener('error', () => {
        if (mine === serial) note.textContent = 'This video cannot play in this browser yet (its transcode may still be running).';
      });
      video.src = source.video(item);
      image.hidden = true;
      image.removeAttribute('src');
      stage.prepend(video);
    } else if (!small) {
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
    showFavourite(item);
    findMotion(item, mine);
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
    const d = full.details || {};
    const rows = [
      ['Taken', taken(full)],
      ['Title', d.title],
      ['Description', d.description],
      ['Keywords', d.keywords && d.keywords.length ? d.keywords.join(', ') : null],
      ['Camera', camera(d)],
      ['Lens', d.lens],
      ['Exposure', exposure(d)],
      ['Place', place(d)],
      ['File', full.fileName],
      ['Folder', full.root != null ? `${full.root}/${full.path || ''}` : null],
      ['Dimensions', full.width ? `${w} × ${ht}` : null],
      ['Duration', full.durationMs ? duration(full.durationMs) : null],
      ['Video', d.videoCodec ? [d.videoCodec, d.audioCodec, d.fps ? `${Number(d.fps)} fps` : null].filter(Boolean).join(' · ') : null],
      ['Size', d.sizeBytes ? megabytes(d.sizeBytes) : null],
      ['Type', full.mimeType],
      ['Status', full.status],
      ['Problem', full.failure ? full.failure.reason : null],
    ];
    clear(panel).append(h('h2', {}, 'Details'),
      h('dl', {}, rows.filter(([, v]) => v != null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  }

  function showFavourite(item) {
    if (!favourite) return;
    favourite.setAttribute('aria-pressed', String(Boolean(item.favourite)));
    favourite.textContent = item.favourite ? '♥' : '♡';
  }

  /** Shown at once; the catalog takes the mark a moment later (index-service applies it), or the change is undone. */
  async function toggleFavourite() {
    const item = items[current];
    const wanted = !item.favourite;
    item.favourite = wanted;
    showFavourite(item);
    try {
      await api(`/api/v1/media/${item.id}`, {method: 'PATCH', body: {favourite: wanted}});
    } catch (e) {
      item.favourite = !wanted;
      showFavourite(item);
      note.textContent = e.message;
    }
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
    if (event.target instanceof HTMLVideoElement && event.key.startsWith('Arrow')) return; // seeking
    if (document.querySelector('dialog[open]')) return; // the share dialog has the keys
    if (event.key === 'Escape') done();
    else if (event.key === 'ArrowRight') step(1);
    else if (event.key === 'ArrowLeft') step(-1);
    else if (event.key === 'i') togglePanel();
    else if (event.key === 'f' && favourite) toggleFavourite();
    else if (event.key === '+' || event.key === '=') zoomBy(1.5);
    else if (event.key === '-') zoomBy(1 / 1.5);
    else if (event.key === '0') resetZoom();
    else return;
    event.preventDefault();
  }

  // Zoom: a scale and an offset from the centre, applied as a transform on the picture (never on a video).
  let scale = 1;
  let tx = 0;
  let ty = 0;
  let sharpFor = 1;
  function applyZoom() {
    const rect = stage.getBoundingClientRect();
    const maxX = (rect.width * (scale - 1)) / 2;
    const maxY = (rect.height * (scale - 1)) / 2;
    tx = Math.max(-maxX, Math.min(maxX, tx));
    ty = Math.max(-maxY, Math.min(maxY, ty));
    image.style.transform = scale === 1 ? '' : `translate(${tx}px, ${ty}px) scale(${scale})`;
    root.dataset.zoom = scale.toFixed(2);
    root.classList.toggle('zoomed', scale > 1);
    zoomOut.disabled = scale <= 1;
    zoomIn.disabled = scale >= 8;
    if (scale >= 2 && scale > sharpFor) sharpen();
  }
  /** Zooms by `factor` keeping the point (client coordinates; default the centre) where it is. */
  function zoomBy(factor, clientX, clientY) {
    if (video || image.hidden) return;
    const rect = stage.getBoundingClientRect();
    const px = clientX === undefined ? 0 : clientX - rect.left - rect.width / 2;
    const py = clientY === undefined ? 0 : clientY - rect.top - rect.height / 2;
    const next = Math.max(1, Math.min(8, scale * factor));
    tx = px - (px - tx) * (next / scale);
    ty = py - (py - ty) * (next / scale);
    scale = next;
    applyZoom();
  }
  function resetZoom() {
    scale = 1;
    tx = 0;
    ty = 0;
    sharpFor = 1;
    applyZoom();
  }
  /** A larger preview for a deep zoom (on-demand sizes), swapped in once loaded. */
  function sharpen() {
    sharpFor = scale;
    const item = items[current];
    const mine = serial;
    const url = source.url(item, fitFor(Math.max(window.innerWidth, window.innerHeight) * scale, {large: true}));
    if (!url || url === image.getAttribute('src')) return;
    const sharp = new Image();
    sharp.onload = () => { if (mine === serial) image.src = url; };
    sharp.src = url;
  }
  stage.addEventListener('wheel', (e) => {
    if (video) return;
    e.preventDefault();
    zoomBy(Math.exp(-e.deltaY * 0.0025), e.clientX, e.clientY);
  }, {passive: false});
  stage.addEventListener('dblclick', (e) => {
    if (video || e.target.closest('button')) return;
    if (scale > 1) resetZoom();
    else zoomBy(2.5, e.clientX, e.clientY);
  });

  // Pointers: one drags (pans when zoomed, else a mostly horizontal 50 px swipe steps), two pinch.
  const pointers = new Map();
  let startX = null;
  let startY = null;
  let pinch = null;
  let press = null;
  stage.addEventListener('pointerdown', (e) => {
    if (e.target.closest('button')) return;
    pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = {distance: Math.hypot(a.x - b.x, a.y - b.y), scale};
      startX = null;
      return;
    }
    const onControls = e.target instanceof HTMLVideoElement && e.offsetY > e.target.clientHeight - 64;
    startX = onControls ? null : e.clientX; // a drag on the video's seek bar is not a swipe
    startY = e.clientY;
    if (scale > 1) stage.setPointerCapture?.(e.pointerId);
    if (motionId && scale === 1) press = setTimeout(() => playMotion(), 300); // press and hold: the Live Photo
  });
  stage.addEventListener('pointermove', (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      zoomBy((pinch.scale * distance) / pinch.distance / scale, (a.x + b.x) / 2, (a.y + b.y) / 2);
    } else if (scale > 1) {
      tx += e.clientX - last.x;
      ty += e.clientY - last.y;
      applyZoom();
    }
    if (Math.hypot(e.clientX - (startX ?? e.clientX), e.clientY - (startY ?? e.clientY)) > 10) clearTimeout(press);
  });
  const up = (e) => {
    pointers.delete(e.pointerId);
    clearTimeout(press);
    if (playing === 'press') stopMotion();
    if (pinch) {
      if (pointers.size < 2) pinch = null;
      return;
    }
    if (startX == null || scale > 1) return;
    const dx = e.clientX - startX;
    const dy = e.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) step(dx < 0 ? 1 : -1);
  };
  stage.addEventListener('pointerup', up);
  stage.addEventListener('pointercancel', up);

  // Live Photos: the still's motion half (motionItemId in the item's details) plays over it, muted.
  let motionId = null;
  let motion = null;
  let playing = null;
  async function findMotion(item, mine) {
    if (!details || item.kind !== 'IMAGE') return;
    let full;
    try {
      full = await details(item);
    } catch (e) {
      return;
    }
    if (mine !== serial || !full.motionItemId) return;
    motionId = full.motionItemId;
    live.hidden = false;
  }
  function playMotion(how = 'press') {
    if (!motionId || motion) return;
    playing = how;
    motion = h('video', {class: 'live-motion', muted: true, playsinline: true, 'aria-hidden': 'true'});
    motion.muted = true;
    motion.src = librarySource.video({id: motionId});
    motion.addEventListener('ended', () => stopMotion());
    motion.addEventListener('error', () => { note.textContent = 'The motion of this Live Photo cannot play yet.'; stopMotion(); });
    stage.insertBefore(motion, note);
    root.classList.add('live-playing');
    motion.play().catch(() => {});
  }
  function stopMotion() {
    motion?.pause();
    motion?.remove();
    motion = null;
    playing = null;
    root.classList.remove('live-playing');
  }
  live.addEventListener('pointerenter', (e) => { if (e.pointerType === 'mouse') playMotion('hover'); });
  live.addEventListener('pointerleave', () => { if (playing === 'hover') stopMotion(); });
  live.addEventListener('click', () => { if (!motion) playMotion('click'); }); // keyboard or a tap: once through

  function done() {
    video?.pause();
    stopMotion();
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

/** The time where it was taken when the file says its offset (+02:00), else in this browser's zone, named. */
function taken(item) {
  if (!item.takenAt) return 'Unknown';
  const zone = item.takenAtZone;
  const match = zone && /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (match) {
    const minutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
    const there = new Date(new Date(item.takenAt).getTime() + minutes * 60000);
    const text = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC'}).format(there);
    return `${text} (UTC${zone})`;
  }
  return `${formatDateTime(item.takenAt)} (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;
}

function camera(d) {
  if (!d.cameraModel) return d.cameraMake || null;
  return d.cameraMake && !d.cameraModel.toLowerCase().startsWith(d.cameraMake.toLowerCase())
    ? `${d.cameraMake} ${d.cameraModel}` : d.cameraModel;
}

function exposure(d) {
  const parts = [];
  if (d.exposureSeconds) {
    parts.push(d.exposureSeconds >= 1 ? `${d.exposureSeconds} s` : `1/${Math.round(1 / d.exposureSeconds)} s`);
  }
  if (d.fNumber) parts.push(`f/${Number(d.fNumber)}`);
  if (d.iso) parts.push(`ISO ${d.iso}`);
  if (d.focalLengthMm) parts.push(`${Number(d.focalLengthMm)} mm`);
  return parts.length ? parts.join(' · ') : null;
}

/** Coordinates and a link to the map (OpenStreetMap: no key, no tracking script on this page). */
function place(d) {
  if (d.latitude == null || d.longitude == null) return null;
  const lat = Number(d.latitude).toFixed(5);
  const lon = Number(d.longitude).toFixed(5);
  return h('a', {class: 'map-link', href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=15/${lat}/${lon}`,
    target: '_blank', rel: 'noopener noreferrer'}, `${lat}, ${lon} (map)`);
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function megabytes(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

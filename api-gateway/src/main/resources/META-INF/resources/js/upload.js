// Uploads: many files from a picker or dropped on the page, sent in chunks (Content-Range) so that a broken
// connection, or a reload, resumes where the server says it stands; per-file and total progress. Unfinished uploads
// are remembered in localStorage (by name, size and date: a page cannot reopen a file by itself) and listed when the
// panel opens; picking the same file again resumes it.

import {api, getCsrfToken} from './api.js';
import {h} from './dom.js';

const RETRIES = 5;
const PREFIX = 'darkroom-upload:';
let panel = null;

function keyOf(file) {
  return `${PREFIX}${file.name}:${file.size}:${file.lastModified}`;
}

/** What was kept for an unfinished upload: {id, name, size}; an older entry is the bare id. */
function remembered(key) {
  const value = localStorage.getItem(key);
  if (!value) return null;
  try {
    const parsed = JSON.parse(value);
    if (parsed && parsed.id) return parsed;
  } catch (e) {
    // the bare id
  }
  return {id: value, name: key.slice(PREFIX.length).split(':').slice(0, -2).join(':'), size: 0};
}

/** The upload panel (one per page), opened by the header's button or by dropping files anywhere. */
export function openUploads() {
  if (panel) {
    panel.el.hidden = false;
    panel.picker.focus();
    return panel;
  }
  const picker = h('input', {id: 'upload-files', type: 'file', multiple: true, accept: 'image/*,video/*'});
  const total = h('progress', {class: 'upload-total', max: 1, value: 0, 'aria-label': 'All uploads'});
  const summary = h('p', {class: 'album-meta', role: 'status'});
  const list = h('ul', {class: 'uploads', 'aria-label': 'Uploads'});
  const unfinished = h('ul', {class: 'uploads unfinished', 'aria-label': 'Unfinished uploads'});
  const close = h('button', {type: 'button', class: 'link', onclick: () => { el.hidden = true; }}, 'Close');
  const el = h('section', {class: 'upload-panel', 'aria-label': 'Upload'},
    h('div', {class: 'upload-head'}, h('h2', {}, 'Upload'), close),
    h('label', {for: 'upload-files'}, 'Choose photos and videos, or drop them on the page'), picker,
    total, summary, unfinished, list);
  document.body.append(el);
  const jobs = [];
  picker.addEventListener('change', () => {
    add([...picker.files]);
    picker.value = '';
  });

  /** Uploads left unfinished by an earlier page (a reload, a closed tab), as the server has them. */
  async function listUnfinished() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      const kept = remembered(key);
      if (jobs.some((j) => keyOf(j.file) === key)) continue;
      let status;
      try {
        status = await api(`/api/v1/uploads/${encodeURIComponent(kept.id)}`);
      } catch (e) {
        if (e.status === 404) localStorage.removeItem(key); // finished, abandoned or cleaned up on the server
        continue;
      }
      if (status.path) {
        localStorage.removeItem(key);
        continue;
      }
      const row = h('li', {dataset: {key, name: status.fileName}},
        h('span', {class: 'upload-name'}, status.fileName),
        h('progress', {max: status.size || 1, value: status.received, 'aria-label': `Unfinished upload of ${status.fileName}`}),
        h('span', {class: 'upload-state'}, `Unfinished: ${kb(status.received)} of ${kb(status.size)}. Choose the same file to resume.`),
        h('button', {type: 'button', class: 'link', 'aria-label': `Forget the upload of ${status.fileName}`,
          onclick: async () => {
            await api(`/api/v1/uploads/${encodeURIComponent(kept.id)}`, {method: 'DELETE'}).catch(() => null);
            localStorage.removeItem(key);
            row.remove();
          }}, 'Forget'));
      unfinished.append(row);
    }
  }

  function add(files) {
    for (const file of files) {
      unfinished.querySelector(`li[data-key="${CSS.escape(keyOf(file))}"]`)?.remove();
      const job = {file, sent: 0, row: null};
      job.bar = h('progress', {max: file.size || 1, value: 0, 'aria-label': `Upload of ${file.name}`});
      job.state = h('span', {class: 'upload-state'}, 'Waiting');
      job.row = h('li', {dataset: {name: file.name}}, h('span', {class: 'upload-name'}, file.name), job.bar, job.state);
      list.append(job.row);
      jobs.push(job);
    }
    pump();
  }

  let running = 0;
  function pump() {
    while (running < 2) {
      const job = jobs.find((j) => !j.started);
      if (!job) break;
      job.started = true;
      running += 1;
      send(job).finally(() => {
        running -= 1;
        pump();
      });
    }
    refresh();
  }

  function refresh() {
    const size = jobs.reduce((s, j) => s + j.file.size, 0) || 1;
    total.max = size;
    total.value = jobs.reduce((s, j) => s + j.sent, 0);
    const done = jobs.filter((j) => j.done).length;
    const failed = jobs.filter((j) => j.failed).length;
    summary.textContent = `${done} of ${jobs.length} uploaded${failed ? `, ${failed} failed` : ''}`;
  }

  async function send(job) {
    const {file} = job;
    const key = keyOf(file);
    try {
      let status = null;
      const known = remembered(key);
      if (known) status = await api(`/api/v1/uploads/${encodeURIComponent(known.id)}`).catch(() => null);
      if (status?.path) status = null; // that one finished: this is a new upload of the same file
      if (!status) {
        status = await api('/api/v1/uploads', {method: 'POST', body: {fileName: file.name, size: file.size}});
        localStorage.setItem(key, JSON.stringify({id: status.id, name: file.name, size: file.size}));
      }
      job.row.dataset.resumedAt = String(status.received); // where it started: 0, or where an earlier page left it
      job.state.textContent = status.received ? `Resuming at ${kb(status.received)} of ${kb(file.size)}` : 'Sending';
      let failures = 0;
      while (!status.path) {
        const first = status.received;
        const last = Math.min(first + status.chunkBytes, file.size) - 1;
        try {
          status = await putChunk(status.id, file.slice(first, last + 1), first, last, file.size);
          failures = 0;
        } catch (e) {
          if (e.status && e.status < 500 && e.status !== 409) throw e;
          if (++failures > RETRIES) throw e;
          await new Promise((r) => setTimeout(r, 500 * 2 ** failures));
          status = await api(`/api/v1/uploads/${encodeURIComponent(status.id)}`); // where to resume
        }
        job.sent = status.received;
        job.bar.value = status.received;
        refresh();
      }
      localStorage.removeItem(key);
      job.done = true;
      job.sent = file.size;
      job.bar.value = file.size || 1;
      job.state.textContent = `Added as ${status.path}`;
    } catch (e) {
      job.failed = true;
      job.state.textContent = e.message;
    }
    refresh();
  }

  // Dropping files anywhere on the page adds them.
  window.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
  window.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    el.hidden = false;
    add([...e.dataTransfer.files]);
  });

  panel = {el, picker, add};
  listUnfinished();
  picker.focus();
  return panel;
}

function kb(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

async function putChunk(id, blob, first, last, size) {
  const response = await fetch(`/api/v1/uploads/${encodeURIComponent(id)}`, {
    method: 'PUT', credentials: 'same-origin', body: blob,
    headers: {'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${first}-${last}/${size}`,
      'X-CSRF-Token': getCsrfToken() || '', Accept: 'application/json'},
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || `The server answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  return data;
}

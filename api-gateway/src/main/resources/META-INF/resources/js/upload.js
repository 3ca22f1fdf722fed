// Uploads: many files from a picker or dropped on the page, sent in chunks (Content-Range) so that a broken
// connection, or a reload, resumes where the server says it stands; per-file and total progress.

import {api, getCsrfToken} from './api.js';
import {h} from './dom.js';

const RETRIES = 5;
let panel = null;

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
  const close = h('button', {type: 'button', class: 'link', onclick: () => { el.hidden = true; }}, 'Close');
  const el = h('section', {class: 'upload-panel', 'aria-label': 'Upload'},
    h('div', {class: 'upload-head'}, h('h2', {}, 'Upload'), close),
    h('label', {for: 'upload-files'}, 'Choose photos and videos, or drop them on the page'), picker,
    total, summary, list);
  document.body.append(el);
  const jobs = [];
  picker.addEventListener('change', () => {
    add([...picker.files]);
    picker.value = '';
  });

  function add(files) {
    for (const file of files) {
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
    const key = `darkroom-upload:${file.name}:${file.size}:${file.lastModified}`;
    try {
      let status = null;
      const known = localStorage.getItem(key);
      if (known) status = await api(`/api/v1/uploads/${encodeURIComponent(known)}`).catch(() => null);
      if (!status) {
        status = await api('/api/v1/uploads', {method: 'POST', body: {fileName: file.name, size: file.size}});
        localStorage.setItem(key, status.id);
      }
      job.state.textContent = status.received ? 'Resuming' : 'Sending';
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
  picker.focus();
  return panel;
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

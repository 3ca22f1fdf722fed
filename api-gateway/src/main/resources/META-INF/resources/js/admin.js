// Admin: the library's state (counts, the work waiting in front of each stage), a rescan, and the accounts.

import {api} from './api.js';
import {h, formatDateTime} from './dom.js';

const ROLES = ['viewer', 'user', 'admin'];

export function showAdmin(main, session) {
  const status = h('dl', {class: 'stats', 'aria-label': 'Library status'});
  const statusNote = h('p', {class: 'album-meta', role: 'status'});
  const users = h('tbody');
  const usersNote = h('p', {class: 'error', role: 'alert'});
  main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Admin')),
    h('section', {class: 'admin-section', 'aria-labelledby': 'library-title'},
      h('h2', {id: 'library-title'}, 'Library'), status, statusNote, rescanForm()),
    h('section', {class: 'admin-section', 'aria-labelledby': 'users-title'},
      h('h2', {id: 'users-title'}, 'People'),
      h('div', {class: 'table-wrap'}, h('table', {class: 'users'},
        h('thead', {}, h('tr', {}, ['Name', 'Role', 'Signs in', 'Since', ''].map((t) => h('th', {scope: 'col'}, t)))),
        users)),
      usersNote, newUserForm(() => loadUsers())),
    failuresSection());

  let live = true;
  async function loadStatus() {
    try {
      const s = await api('/api/v1/library/status');
      const rows = [
        ['Items', s.items], ['Indexed', s.indexed], ['Failed', s.failed], ['Missing', s.missing],
        ['Thumbnails made', s.thumbnailsDone], ['Videos made playable', s.transcodesDone],
        ['Videos waiting', s.transcodesPending],
      ];
      if (s.queues) {
        rows.push(['Files waiting to be read', s.queues.index], ['Items waiting for thumbnails', s.queues.thumbnails],
          ['Items waiting for transcoding', s.queues.transcodes]);
      }
      status.replaceChildren(...rows.map(([k, v]) => h('div', {class: 'stat', dataset: {stat: k}},
        h('dt', {}, k), h('dd', {}, Number(v).toLocaleString()))));
      statusNote.textContent = s.queues ? '' : 'Queue lengths are unknown: Kafka does not answer.';
    } catch (e) {
      statusNote.textContent = e.message;
    }
  }

  async function loadUsers() {
    try {
      const list = await api('/api/v1/users');
      const all = Array.isArray(list) ? list : list.items || [];
      users.replaceChildren(...all.map((u) => userRow(u, session, loadUsers, usersNote)));
    } catch (e) {
      usersNote.textContent = e.message;
    }
  }

  loadStatus();
  loadUsers();
  const timer = setInterval(() => { if (live) loadStatus(); }, 5000);
  return () => { live = false; clearInterval(timer); };
}

function userRow(user, session, reload, note) {
  const self = user.username === session.me.username; // the gateway refuses to demote, disable or delete oneself
  const change = async (body) => {
    note.textContent = '';
    try {
      await api(`/api/v1/users/${user.id}`, {method: 'PATCH', body});
    } catch (e) {
      note.textContent = e.message;
    }
    reload();
  };
  const role = h('select', {'aria-label': `Role of ${user.username}`, disabled: self,
    onchange: () => change({role: role.value})}, ROLES.map((r) => h('option', {value: r}, r)));
  role.value = user.role;
  const enabled = h('input', {type: 'checkbox', checked: !user.disabled, disabled: self,
    'aria-label': `${user.username} may sign in`, onchange: () => change({disabled: !enabled.checked})});
  const remove = self ? null : h('button', {type: 'button', class: 'link', 'aria-label': `Delete ${user.username}`,
    onclick: async () => {
      if (!window.confirm(`Delete ${user.username}, with their albums and share links?`)) return;
      try {
        await api(`/api/v1/users/${user.id}`, {method: 'DELETE'});
      } catch (e) {
        note.textContent = e.message;
      }
      reload();
    }}, 'Delete');
  return h('tr', {dataset: {user: user.username}},
    h('th', {scope: 'row'}, user.username, user.locked ? h('span', {class: 'badge-text'}, ' locked') : null),
    h('td', {}, role), h('td', {}, enabled), h('td', {}, formatDateTime(user.createdAt)), h('td', {}, remove));
}

function newUserForm(created) {
  const name = h('input', {id: 'new-user-name', required: true, autocomplete: 'off'});
  const password = h('input', {id: 'new-user-password', type: 'password', required: true, minlength: 10,
    autocomplete: 'new-password'});
  const role = h('select', {id: 'new-user-role'}, ROLES.map((r) => h('option', {value: r}, r)));
  const note = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'inline-form', 'aria-label': 'Add a person'},
    h('h3', {}, 'Add a person'),
    h('label', {for: 'new-user-name'}, 'Name'), name,
    h('label', {for: 'new-user-password'}, 'Password (10 characters or more)'), password,
    h('label', {for: 'new-user-role'}, 'Role'), role,
    h('button', {type: 'submit'}, 'Add'), note);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    note.textContent = '';
    try {
      await api('/api/v1/users', {method: 'POST', body: {username: name.value, password: password.value, role: role.value}});
      form.reset();
      created();
    } catch (e) {
      note.textContent = e.message;
    }
  });
  return form;
}

function rescanForm() {
  const root = h('input', {id: 'rescan-root', required: true, placeholder: 'library'});
  const folder = h('input', {id: 'rescan-folder', placeholder: '2024/holidays'});
  const note = h('p', {class: 'album-meta', role: 'status'});
  const form = h('form', {class: 'inline-form', 'aria-label': 'Rescan'},
    h('h3', {}, 'Scan for new and changed files now'),
    h('label', {for: 'rescan-root'}, 'Library root'), root,
    h('label', {for: 'rescan-folder'}, 'Folder (optional)'), folder,
    h('button', {type: 'submit'}, 'Scan'), note);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    note.textContent = '';
    try {
      const body = {root: root.value};
      if (folder.value) body.folder = folder.value;
      const accepted = await api('/api/v1/library/rescan', {method: 'POST', body});
      note.textContent = `Scan of ${accepted.root}${accepted.folder ? `/${accepted.folder}` : ''} asked for.`;
    } catch (e) {
      note.textContent = e.message;
    }
  });
  return form;
}


/**
 * Items that failed a stage, with the reason a person can act on; newest first, a page at a time. "Retry" asks for
 * one item to be read again, "Retry all failed" for every failed one (POST /api/v1/library/reindex): index-service
 * re-reads the file and the later stages redo their part, so a row leaves the list once it succeeds.
 */
function failuresSection() {
  const list = h('ul', {class: 'failures'});
  const note = h('p', {class: 'album-meta', role: 'status'}, 'Loading…');
  const retryNote = h('p', {class: 'album-meta retry-note', role: 'status'});
  const more = h('button', {type: 'button', hidden: true, onclick: () => load()}, 'More');
  const retryAll = h('button', {type: 'button', class: 'retry-all', hidden: true,
    onclick: () => retry({failed: true}, retryAll)}, 'Retry all failed');
  let before = null;
  async function retry(body, button) {
    button.disabled = true;
    retryNote.textContent = '';
    try {
      const accepted = await api('/api/v1/library/reindex', {method: 'POST', body});
      const n = accepted.requested;
      retryNote.textContent = `Asked to read ${n} ${n === 1 ? 'item' : 'items'} again; `
        + 'rows leave this list as they succeed.';
    } catch (e) {
      retryNote.textContent = e.message;
      button.disabled = false;
    }
  }
  async function load() {
    more.hidden = true;
    try {
      const query = new URLSearchParams({limit: '50'});
      if (before != null) query.set('before', String(before));
      const page = await api(`/api/v1/library/failures?${query}`);
      list.append(...page.items.map((item) => {
        const file = `${item.root}/${item.path}`;
        const button = h('button', {type: 'button', class: 'link retry', 'aria-label': `Retry ${file}`,
          onclick: () => retry({items: [String(item.id)]}, button)}, 'Retry'); // ids as strings, as the contract has them
        return h('li', {dataset: {id: String(item.id)}},
          h('span', {class: 'failure-file'}, file),
          h('span', {class: 'failure-reason'}, item.failure ? `${item.failure.stage}: ${item.failure.reason}` : item.status),
          button);
      }));
      before = page.nextCursor;
      more.hidden = before == null;
      retryAll.hidden = list.childElementCount === 0;
      note.textContent = list.childElementCount ? '' : 'Nothing has failed.';
    } catch (e) {
      note.textContent = e.message;
    }
  }
  load();
  return h('section', {class: 'admin-section', 'aria-labelledby': 'failures-title'},
    h('div', {class: 'page-head'}, h('h2', {id: 'failures-title'}, 'Problems'), retryAll), note, retryNote, list, more);
}

// The app shell: hash routes (#/ timeline, #/albums, #/a/{id} an album, #/s/{token} a share link, which works
// signed out), sign-in and sign-out. Views return a dispose function, called when the route changes.

import {api, ApiError, setCsrfToken, SIGNED_OUT} from './api.js';
import {h, clear} from './dom.js';
import {showTimeline} from './timeline.js';
import {showAlbums, showAlbum} from './albums.js';
import {showShare} from './share.js';
import {showAdmin} from './admin.js';
import {showSearch, showFolders, showDuplicates} from './browse.js';
import {openUploads} from './upload.js';

const app = document.getElementById('app');
const session = {me: null};
let dispose = null;

async function route() {
  dispose?.();
  dispose = null;
  const [section = '', arg = '', ...more] = location.hash.replace(/^#\/?/, '').split('/');
  if (section === 's') {
    dispose = showShare(clear(app), decodeURIComponent(arg));
    return;
  }
  if (!session.me) {
    try {
      signedIn(await api('/api/v1/auth/me', {quiet401: true}));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return showLogin();
      return showError(e);
    }
  }
  const main = h('main', {id: 'main', tabindex: '-1'});
  clear(app).append(shell(section), main);
  if (section === 'albums') dispose = showAlbums(main, session);
  else if (section === 'a') dispose = showAlbum(main, Number(arg), session);
  else if (section === 'y') dispose = showTimeline(main, session, Number(arg) || null);
  else if (section === 'favourites') dispose = showTimeline(main, session, null, 'favourites');
  else if (section === 'archive') dispose = showTimeline(main, session, null, 'archive');
  else if (section === 'admin' && session.me.role === 'admin') dispose = showAdmin(main, session);
  else if (section === 'search') dispose = showSearch(main, session, arg, more[0], more[1]);
  else if (section === 'folders') dispose = showFolders(main, session, [arg, ...more].filter(Boolean));
  else if (section === 'duplicates') dispose = showDuplicates(main, session);
  else dispose = showTimeline(main, session);
}

function signedIn(me) {
  session.me = me;
  setCsrfToken(me.csrfToken);
}

function shell(section) {
  const link = (href, text, active) => h('a', {href, 'aria-current': active ? 'page' : null}, text);
  return h('header', {class: 'shell'},
    h('a', {class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); document.getElementById('main')?.focus(); }},
      'Skip to content'),
    h('span', {class: 'brand'}, 'Darkroom'),
    h('nav', {'aria-label': 'Sections'},
      link('#/', 'Photos', section === '' || section === 'y'),
      link('#/albums', 'Albums', section === 'albums' || section === 'a'),
      link('#/search', 'Search', section === 'search'),
      link('#/folders', 'Folders', section === 'folders'),
      link('#/favourites', 'Favourites', section === 'favourites'),
      link('#/archive', 'Archive', section === 'archive'),
      link('#/duplicates', 'Duplicates', section === 'duplicates'),
      session.me.role === 'admin' ? link('#/admin', 'Admin', section === 'admin') : null),
    h('span', {class: 'spacer'}),
    session.me.role !== 'viewer' ? h('button', {type: 'button', class: 'link upload-open', onclick: openUploads}, 'Upload')
      : null,
    h('span', {class: 'who', title: `Role: ${session.me.role}`}, session.me.username),
    h('button', {type: 'button', class: 'link', onclick: signOut}, 'Sign out'));
}

async function signOut() {
  try {
    await api('/api/v1/auth/logout', {method: 'POST', quiet401: true});
  } catch (e) {
    // Signed out already, or the server is gone: either way the page forgets the session.
  }
  session.me = null;
  setCsrfToken(null);
  if (location.hash && location.hash !== '#/') location.hash = '#/';
  else route();
}

function showLogin() {
  const error = h('p', {class: 'error', role: 'alert'});
  const username = h('input', {id: 'username', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true});
  const submit = h('button', {type: 'submit'}, 'Sign in');
  const form = h('form', {class: 'login', 'aria-labelledby': 'login-title'},
    h('h1', {id: 'login-title'}, 'Darkroom'),
    h('label', {for: 'username'}, 'Name'), username,
    h('label', {for: 'password'}, 'Password'), password,
    submit, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      signedIn(await api('/api/v1/auth/login', {method: 'POST', quiet401: true,
        body: {username: username.value, password: password.value}}));
      route();
    } catch (e) {
      error.textContent = e.message;
      submit.disabled = false;
      password.select();
    }
  });
  clear(app).append(h('main', {class: 'login-page'}, form));
  username.focus();
}

function showError(e) {
  clear(app).append(h('main', {class: 'message'}, h('h1', {}, 'Something went wrong'),
    h('p', {role: 'alert'}, e.message), h('button', {type: 'button', onclick: route}, 'Try again')));
}

window.addEventListener('hashchange', route);
window.addEventListener(SIGNED_OUT, () => {
  session.me = null;
  route();
});
route();

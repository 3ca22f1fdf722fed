// The JSON API: the session cookie travels by itself; unsafe methods echo the CSRF token; errors are Problems.

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

export function getCsrfToken() {
  return csrfToken;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Signals that the session ended (401 on an authenticated call): the app shows the login page. */
export const SIGNED_OUT = 'darkroom:signed-out';

export async function api(path, {method = 'GET', body, quiet401 = false} = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    if (response.status === 401 && !quiet401) window.dispatchEvent(new CustomEvent(SIGNED_OUT));
    const detail = (data && (data.detail || data.title)) || `The server answered ${response.status}.`;
    throw new ApiError(response.status, detail);
  }
  return data;
}

// The studio's HTTP API: one fetch wrapper (bearer key, JSON, the single error shape), server-sent
// job events read from a fetch stream (EventSource cannot send the key), and owned images as blobs.

export class ApiError extends Error {
  constructor(status, body) {
    const detail = body?.error ?? {};
    super(detail.message || `HTTP ${status}`);
    this.status = status;
    this.code = detail.code || 'http_error';
    this.usage = detail.usage_info ?? null;
    this.rejections = detail.rejections ?? null;
  }
}

const KEY = 'imagestudio.key';

export const session = {
  get key() { return localStorage.getItem(KEY); },
  set key(value) { if (value) localStorage.setItem(KEY, value); else localStorage.removeItem(KEY); },
};

async function request(method, path, { json, signal, headers = {} } = {}) {
  const init = { method, signal, headers: { ...headers } };
  if (session.key) init.headers.Authorization = `Bearer ${session.key}`;
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, body);
  }
  return response;
}

export const api = {
  async get(path, options) { return (await request('GET', path, options)).json(); },
  async post(path, json, options) { return (await request('POST', path, { ...options, json })).json(); },
  async del(path) { const r = await request('DELETE', path); return r.status === 204 ? null : r.json(); },
  async blob(path, options) { return (await request('GET', path, options)).blob(); },

  /** Follows `/jobs/{id}/events`; calls onEvent(name, job) for each; resolves with the last job. */
  async follow(jobID, onEvent, signal) {
    const response = await request('GET', `/api/image-studio/jobs/${jobID}/events`, { signal });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let last = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) { last = JSON.parse(data); onEvent(name, last); }
      }
    }
    return last;
  },
};

/** An owned image as {blob, url} (an <img> cannot send the bearer key), cached per path. */
const images = new Map();
export async function image(path) {
  if (!images.has(path)) images.set(path, api.blob(path).then((blob) => ({ blob, url: URL.createObjectURL(blob) })));
  try { return await images.get(path); } catch (error) { images.delete(path); throw error; }
}

export async function imageURL(path) { return (await image(path)).url; }

// Small DOM helpers: element creation, formatting, the toast.

/** h('button.primary#run', {type: 'button', onclick}, 'Run') — tag with optional .classes and #id. */
export function h(spec, attrs = {}, ...children) {
  const [, tag, rest] = spec.match(/^([a-z0-9-]+)(.*)$/i);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** SVG element with attributes. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  return append(el, children);
}

let idCounter = 0;
export const uid = (prefix = 'f') => `${prefix}-${++idCounter}`;

/** A labelled field: returns the wrapper; the control gets an id tied to the label. */
export function field(label, control, hint) {
  control.id ||= uid();
  const hintEl = hint ? h('small.hint', { id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div.field', {}, h('label', { for: control.id }, label), control, hintEl);
}

export function money(dollars, { precise = false } = {}) {
  if (dollars == null || Number.isNaN(dollars)) return '—';
  if (dollars === 0) return '$0';
  const digits = precise || dollars < 0.1 ? 3 : 2;
  return `$${dollars.toFixed(digits).replace(/(\.\d\d)0$/, '$1')}`;
}

export const micros = (value) => (value === null || value === undefined ? null : value / 1e6);

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

let toastTimer;
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

/** Describes an API error for people, with the plan's numbers when it is a refusal. */
export function describeError(error) {
  const usage = error.usage;
  let text = error.message || String(error);
  if (usage) {
    const parts = [];
    if (usage.limit != null) parts.push(`${usage.current_calls + (usage.reserved_calls ?? 0)} of ${usage.limit} ${usage.family ?? ''} operations used this month`);
    if (usage.cost_limit != null) parts.push(`${money(usage.current_cost, { precise: true })} of ${money(usage.cost_limit)} spent, ${money(usage.remaining_budget, { precise: true })} left`);
    if (parts.length) text += ` (${parts.join('; ')})`;
  }
  return text;
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

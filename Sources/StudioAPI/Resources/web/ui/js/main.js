// Boot: sign-in (a key in local storage, or a one-time link `#sign-in=<code>`), the header, and the
// hash router over the four views.
import { api, ApiError, session } from './api.js';
import { money, toast } from './dom.js';
import { EditView } from './edit-view.js';
import { CompareView } from './compare-view.js';
import { HistoryView } from './history-view.js';
import { UsageView } from './usage-view.js';
import { FamilyView } from './family-view.js';
import { FAMILIES } from './families.js';

const $ = (id) => document.getElementById(id);
const views = {};
const app = {
  me: null,
  /** Re-reads the caller and this period's usage for the header. */
  async refreshAccount() {
    const me = await api.get('/api/image-studio/me');
    app.me = me;
    $('account-name').textContent = me.user.name;
    $('account-plan').textContent = me.user.plan.name;
    const u = me.usage;
    const cap = u.cost_limit == null ? '' : ` of ${money(u.cost_limit)}`;
    $('account-spend').textContent = `${money(u.current_cost, { precise: true })}${cap} this month`;
    return me;
  },
  /** Opens an image (a Blob) in the editor, e.g. from history or a result. */
  openInEditor(blob, name) {
    location.hash = '#/edit';
    views.edit.loadImage(blob, name);
  },
};

async function redeemLink() {
  const match = location.hash.match(/sign-in=([0-9a-f]+)/);
  if (!match) return;
  history.replaceState(null, '', location.pathname + '#/edit');
  try {
    const answer = await api.post('/api/image-studio/auth/sign-in-link', { code: match[1] });
    session.key = answer.api_key;
    toast(`Signed in as ${answer.user.name}`);
  } catch (error) {
    showSignIn(error.message);
  }
}

function showSignIn(message) {
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-signin';
  $('nav').hidden = true;
  $('account').hidden = true;
  const error = $('signin-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  $('signin-key').focus();
}

async function signedIn() {
  try {
    await app.refreshAccount();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.key = null;
      showSignIn('That key was not accepted. Check it, or make a new one.');
      return false;
    }
    throw error;
  }
  $('nav').hidden = false;
  $('account').hidden = false;
  return true;
}

function route() {
  if (!session.key || !app.me) return;
  const name = (location.hash.match(/^#\/([\w-]+)/) ?? [])[1] ?? 'edit';
  const view = views[name] ? name : 'edit';
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  views[view].show?.();
}

async function start() {
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    session.key = $('signin-key').value.trim();
    $('signin-key').value = '';
    if (await signedIn()) { location.hash = '#/edit'; enter(); }
  });
  $('sign-out').addEventListener('click', () => { session.key = null; app.me = null; showSignIn(); });
  api.get('/api/image-studio/health').then((health) => { $('emulated').hidden = !health.providers_emulated; }).catch(() => {});

  await redeemLink();
  if (!session.key) { showSignIn(); return; }
  if (await signedIn()) enter();
}

/** Builds the views once, then routes. */
function enter() {
  if (!views.edit) {
    views.edit = new EditView($('view-edit'), app);
    views.compare = new CompareView($('view-compare'), app);
    views.history = new HistoryView($('view-history'), app);
    views.usage = new UsageView($('view-usage'), app);
    for (const [key, family] of Object.entries(FAMILIES)) views[key] = new FamilyView($(`view-${key}`), app, key, family);
    window.addEventListener('hashchange', route);
  }
  route();
}

start().catch((error) => toast(error.message, 'error'));

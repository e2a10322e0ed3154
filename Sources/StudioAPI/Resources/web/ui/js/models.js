// The model selector: models for this operation grouped by tier, searchable, each priced for this
// image; availability (greyed with the reason); the recommendation with its reason, refreshed when
// the image, operation or preference changes; an info card; a side-by-side comparison dialog.
import { api } from './api.js';
import { h, clear, field, money, uid } from './dom.js';

const TIERS = ['free', 'budget', 'mid', 'premium'];
const PREFS = [
  { label: 'Cheapest', value: { prioritize_cost: true } },
  { label: 'Balanced', value: {} },
  { label: 'Best quality', value: { prioritize_quality: true } },
];

export class ModelSelector {
  constructor({ onChange }) {
    this.onChange = onChange;
    this.models = [];
    this.selected = null; // null = automatic (the recommendation)
    this.recommendation = null;
    this.name = uid('model');
    this.preference = h('input', { type: 'range', min: '0', max: '2', step: '1', value: '1', 'aria-valuetext': 'Balanced',
      oninput: () => { this.preference.setAttribute('aria-valuetext', PREFS[this.preference.value].label); this.prefLabel.textContent = PREFS[this.preference.value].label; this.onChange({ preference: true }); } });
    this.prefLabel = h('output', {}, 'Balanced');
    this.search = h('input', { type: 'search', placeholder: 'Search models', 'aria-label': 'Search models', oninput: () => this.renderList() });
    this.recommended = h('div.recommendation', { 'aria-live': 'polite' });
    this.list = h('div.model-list');
    this.card = h('div.model-card', { 'aria-live': 'polite' });
    this.dialog = h('dialog.compare-dialog', { 'aria-label': 'Compare models' });
    this.root = h('div.models', {},
      h('div.pref', {}, field('Cost ↔ quality', this.preference, 'what the recommendation favours'), this.prefLabel),
      this.recommended,
      h('div.model-search', {}, this.search, h('button', { type: 'button', onclick: () => this.openComparison() }, 'Compare models…')),
      this.list, this.card, this.dialog);
  }

  get preferences() { return PREFS[this.preference.value].value; }
  get model() { return this.models.find((m) => m.id === (this.selected ?? this.recommendation?.recommended_model)); }

  /** Reloads models priced for `image` and the recommendation; keeps the choice when still offered. */
  async refresh(operation, image) {
    const size = image ? `&width=${image.width}&height=${image.height}` : '';
    // The registry by category (any family), each model priced for this image or output size.
    const ticket = (this.ticket = Symbol('refresh'));
    const [{ models }, recommendation] = await Promise.all([
      api.get(`/api/image-studio/models?category=${operation}${size}`),
      api.post('/api/image-studio/edit/recommend', {
        operation, preferences: this.preferences,
        ...(image ? { image_resolution: { width: image.width, height: image.height } } : {}),
      }).catch((error) => ({ error })),
    ]);
    if (ticket !== this.ticket) return;
    this.operation = operation;
    this.models = models;
    this.recommendation = recommendation.error ? null : recommendation;
    this.recommendError = recommendation.error ?? null;
    if (this.selected && !models.some((m) => m.id === this.selected)) this.selected = null;
    this.render();
  }

  render() {
    const r = this.recommendation;
    if (r) {
      clear(this.recommended, h('span.badge', {}, 'Recommended'), ' ', h('strong', {}, r.name), ` (${r.provider}) — ${money(r.estimated_cost)}`,
        h('p.small', {}, r.reason));
    } else {
      clear(this.recommended, h('p.error.small', {}, this.recommendError?.message ?? 'No recommendation.'));
    }
    this.renderList();
    this.renderCard();
  }

  renderList() {
    const query = this.search.value.trim().toLowerCase();
    const match = (m) => !query || [m.id, m.name, m.provider, m.tier, ...m.features].join(' ').toLowerCase().includes(query);
    const auto = this.option(null, h('span', {}, h('strong', {}, 'Automatic'), ' — the recommended model',
      this.recommendation ? ` (now ${this.recommendation.name}, ${money(this.recommendation.estimated_cost)})` : ''), true);
    const groups = TIERS.map((tier) => {
      const models = this.models.filter((m) => m.tier === tier && match(m));
      if (!models.length) return null;
      return h('fieldset.tier', { dataset: { tier } }, h('legend', {}, tier[0].toUpperCase() + tier.slice(1)),
        models.map((m) => this.option(m.id, this.describe(m), m.available && !m.fit_error)));
    });
    const none = groups.every((g) => !g) && query ? h('p.muted', {}, `No model matches "${query}".`) : null;
    clear(this.list, h('div', { role: 'radiogroup', 'aria-label': 'Model' }, auto, groups, none));
  }

  option(id, label, enabled) {
    const input = h('input', { type: 'radio', name: this.name, value: id ?? 'auto', checked: this.selected === id, disabled: !enabled,
      onchange: () => { this.selected = id; this.renderCard(); this.onChange({ model: true }); } });
    return h('label.model-option', { dataset: { model: id ?? 'auto' }, 'aria-disabled': String(!enabled) }, input, label);
  }

  describe(m) {
    const price = m.estimated_cost ?? m.cost;
    const isRecommended = this.recommendation?.recommended_model === m.id;
    const why = !m.available ? m.unavailable_reason : m.fit_error;
    return h('span.model-line', {},
      h('span.model-name', {}, m.name, isRecommended ? h('span.badge', {}, 'Recommended') : null),
      h('span.model-meta', {}, h('span.chip', {}, m.provider), ' ', h('span.price', {}, money(price)),
        m.estimated_cost === undefined || m.estimated_cost === null ? ' from' : ' for this image',
        ` · up to ${m.max_resolution.width}×${m.max_resolution.height}`),
      why ? h('span.unavailable.small', {}, why) : null);
  }

  renderCard() {
    const m = this.model;
    if (!m) { clear(this.card); return; }
    const fitted = m.fitted_resolution ? `${m.fitted_resolution.width} × ${m.fitted_resolution.height}` : '—';
    clear(this.card, h('h3', {}, m.name, ' ', h('span.chip', { dataset: { tier: m.tier } }, m.tier)),
      h('p.small', {}, m.description),
      h('dl', {},
        h('dt', {}, 'Price for this image'), h('dd', {}, money(m.estimated_cost ?? m.cost)),
        h('dt', {}, 'Price range'), h('dd', {}, `${money(m.cost)} – ${money(m.cost_max)}`),
        h('dt', {}, 'Max resolution'), h('dd', {}, `${m.max_resolution.width} × ${m.max_resolution.height}`),
        h('dt', {}, 'Runs at'), h('dd', {}, fitted),
        h('dt', {}, 'Provider'), h('dd', {}, m.provider + (m.available ? '' : ` — ${m.unavailable_reason}`)),
        h('dt', {}, 'Features'), h('dd', {}, m.features.join(', ') || '—'),
        h('dt', {}, 'Good for'), h('dd', {}, m.use_cases.slice(0, 3).join(', ') || '—')));
  }

  openComparison() {
    const rows = [...this.models].sort((a, b) => (a.estimated_cost ?? a.cost) - (b.estimated_cost ?? b.cost));
    const close = h('button', { type: 'button', onclick: () => this.dialog.close() }, 'Close');
    clear(this.dialog, h('h2', {}, 'Compare models for this image'),
      h('div.table-wrap', {}, h('table.compare-table', {},
        h('thead', {}, h('tr', {}, ['Model', 'Provider', 'Tier', 'Price', 'Runs at', 'Max', 'Features', 'Available'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows.map((m) => h('tr', { dataset: { model: m.id } },
          h('th', { scope: 'row' }, m.name, this.recommendation?.recommended_model === m.id ? h('span.badge', {}, 'Recommended') : null),
          h('td', {}, m.provider), h('td', {}, m.tier), h('td', {}, money(m.estimated_cost ?? m.cost)),
          h('td', {}, m.fitted_resolution ? `${m.fitted_resolution.width}×${m.fitted_resolution.height}` : (m.fit_error ? 'does not fit' : '—')),
          h('td', {}, `${m.max_resolution.width}×${m.max_resolution.height}`),
          h('td', {}, m.features.slice(0, 3).join(', ')),
          h('td', {}, m.available ? 'yes' : m.unavailable_reason)))))),
      close);
    this.dialog.showModal();
    close.focus();
  }
}

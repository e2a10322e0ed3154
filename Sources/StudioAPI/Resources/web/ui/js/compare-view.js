// The Compare tab: the Edit tab's image and settings run on 2–4 chosen models at once; a grid of
// results with each one's cost and time.
import { api } from './api.js';
import { h, clear, money, duration, describeError } from './dom.js';
import { ProgressList, runJob } from './jobs.js';

export class CompareView {
  constructor(root, app) {
    this.app = app;
    this.intro = h('p.muted');
    this.choices = h('fieldset.compare-choices', {}, h('legend', {}, 'Models (choose 2 to 4)'));
    this.total = h('p.cost-line', { id: 'compare-cost', 'aria-live': 'polite' });
    this.runButton = h('button.primary', { type: 'button', id: 'compare-run', disabled: true, onclick: () => this.run() }, 'Run the comparison');
    this.error = h('p.error', { role: 'alert', hidden: true });
    this.progress = new ProgressList();
    this.grid = h('div.compare-grid', { 'aria-live': 'polite' });
    root.append(h('div.panel.compare', {}, h('h1', {}, 'Compare models'), this.intro, this.choices, this.total, this.error, this.runButton,
      this.progress.root, this.grid));
  }

  async show() {
    const edit = this.app.editView;
    if (!edit.image) {
      this.intro.textContent = 'Upload an image and set up the edit in the Edit tab first; the comparison runs that edit on several models.';
      clear(this.choices, h('legend', {}, 'Models (choose 2 to 4)'));
      this.runButton.disabled = true;
      return;
    }
    this.intro.textContent = `${edit.ops.info.label} on ${edit.image.name} (${edit.image.width} × ${edit.image.height}), with the Edit tab's prompt and mask.`;
    const { models } = await api.get(`/api/image-studio/edit/models?operation=${edit.ops.operation}&width=${edit.image.width}&height=${edit.image.height}`);
    this.models = models.filter((m) => m.available && !m.fit_error);
    clear(this.choices, h('legend', {}, 'Models (choose 2 to 4)'), this.models.map((m) => h('label.check', { dataset: { model: m.id } },
      h('input', { type: 'checkbox', value: m.id, onchange: () => this.update() }), ` ${m.name} `, h('span.chip', {}, m.provider),
      ` ${money(m.estimated_cost ?? m.cost)}`)));
    this.update();
  }

  chosen() { return [...this.choices.querySelectorAll('input:checked')].map((i) => this.models.find((m) => m.id === i.value)); }

  update() {
    const chosen = this.chosen();
    const total = chosen.reduce((sum, m) => sum + (m.estimated_cost ?? m.cost), 0);
    const left = this.app.me?.usage.remaining_budget;
    this.total.textContent = chosen.length
      ? `${chosen.length} runs will cost ${money(total)}${left == null ? '' : ` — ${money(left - total, { precise: true })} left this month after`}.`
      : '';
    this.runButton.disabled = chosen.length < 2 || chosen.length > 4;
  }

  async run() {
    this.error.hidden = true;
    let body;
    try { body = await this.app.editView.body(); } catch (error) { this.error.textContent = error.message; this.error.hidden = false; return; }
    this.runButton.disabled = true;
    this.progress.reset();
    clear(this.grid);
    const chosen = this.chosen();
    const cells = chosen.map((m) => {
      const cell = h('figure.compare-cell', { dataset: { model: m.id } }, h('div.placeholder', {}, '…'), h('figcaption', {}, m.name));
      this.grid.append(cell);
      return cell;
    });
    await Promise.all(chosen.map(async (m, i) => {
      const result = await runJob({ ...body, model: m.id }, this.progress.add(m.name));
      const caption = result.error
        ? h('figcaption', {}, h('strong', {}, m.name), h('span.error', {}, describeError(result.error)))
        : h('figcaption', {}, h('strong', {}, m.name), ` ${money(result.cost)} · ${duration(result.seconds)}`);
      clear(cells[i], result.error ? h('div.placeholder.failed', {}, 'Failed') : h('img', { src: result.url, alt: `Result of ${m.name}` }), caption);
      cells[i].dataset.state = result.error ? 'failed' : 'done';
    }));
    this.runButton.disabled = false;
    this.app.refreshAccount().catch(() => {});
  }
}

// The cost line: what a run will cost and what is left this month, or the refusal a run would get,
// from POST /estimate-cost (nothing is reserved).
import { api } from './api.js';
import { h, money, describeError } from './dom.js';

export class CostLine {
  constructor(id, { noun = 'edit', unit = 'edits' } = {}) {
    this.noun = noun;
    this.unit = unit;
    this.root = h('p.cost-line', { id, 'aria-live': 'polite' });
  }

  say(text) { this.root.textContent = text; this.root.classList.remove('refused'); }

  /** Quotes `{operation, model, runs, size, preferences}`; resolves with the quote (or null). */
  async update({ operation, model, runs = 1, size, preferences }) {
    const ticket = (this.ticket = Symbol('quote'));
    try {
      const q = await api.post('/api/image-studio/estimate-cost', {
        operation, model: model ?? undefined, num_images: runs, preferences,
        ...(size ? { image_resolution: { width: size.width, height: size.height } } : {}),
      });
      if (ticket !== this.ticket) return null;
      this.root.classList.toggle('refused', !q.allowed);
      if (!q.allowed) {
        this.root.textContent = `Refused: ${describeError({ message: q.refusal.message, usage: q.refusal.usage_info })}`;
        this.root.dataset.code = q.refusal.code;
        return q;
      }
      delete this.root.dataset.code;
      const what = runs > 1 ? `These ${runs} variations will cost ${money(q.total_cost)}` : `This ${this.noun} will cost ${money(q.total_cost)}`;
      const left = q.remaining_budget_after == null ? 'no monthly spending cap' : `${money(q.remaining_budget_after, { precise: true })} left this month`;
      const ops = q.usage.remaining == null ? '' : `, ${q.usage.remaining - runs} of ${q.usage.limit} ${this.unit} left`;
      this.root.textContent = `${what} on ${q.name} — ${left}${ops}.`;
      return q;
    } catch (error) {
      if (ticket === this.ticket) { this.root.textContent = describeError(error); this.root.classList.add('refused'); }
      return null;
    }
  }
}

// The Usage tab: this period's spend and count against the plan, charts by day and by model (SVG,
// drawn here), and the latest ledger lines.
import { api } from './api.js';
import { h, svg, clear, money, micros, when, describeError, toast } from './dom.js';

export class UsageView {
  constructor(root, app) {
    this.app = app;
    this.body = h('div.usage');
    root.append(h('div.panel', {}, h('h1', {}, 'Usage this month'), this.body));
  }

  async show() {
    try {
      const [report, logs, me] = await Promise.all([api.get('/api/image-studio/usage'), api.get('/api/image-studio/usage/logs?per_page=20'), this.app.refreshAccount()]);
      this.render(report, logs, me);
    } catch (error) {
      toast(describeError(error), 'error');
    }
  }

  render(report, logs, me) {
    const t = report.totals;
    const meter = (label, used, limit, format) => h('div.meter', {},
      h('div.meter-label', {}, h('span', {}, label), h('strong', {}, limit == null ? `${format(used)} (no limit)` : `${format(used)} of ${format(limit)}`)),
      limit == null ? null : h('progress', { max: String(limit), value: String(Math.min(used, limit)), 'aria-label': label }));
    clear(this.body,
      h('p', {}, `Plan: ${me.user.plan.name} · period ${t.period}`),
      h('div.meters', { id: 'usage-totals' },
        meter('Spent', t.current_cost, t.cost_limit, (v) => money(v, { precise: true })),
        meter('Edits', t.current_calls, t.limit, String)),
      h('h2', {}, 'Spend by day'), barChart(report.daily.map((l) => [l.key.slice(5), micros(l.cost_micros)]), 'Spend by day', { vertical: true }),
      h('h2', {}, 'Spend by model'), barChart(report.by_model.map((l) => [l.key, micros(l.cost_micros), l.operations]), 'Spend by model'),
      h('h2', {}, 'Latest charges'),
      h('div.table-wrap', {}, h('table.ledger', {},
        h('thead', {}, h('tr', {}, ['When', 'Operation', 'Model', 'Status', 'Cost'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, logs.data.map((l) => h('tr', {}, h('td', {}, when(l.created_at)), h('td', {}, l.operation), h('td', {}, l.model),
          h('td', {}, l.status), h('td', {}, money(micros(l.cost_micros), { precise: true }))))))));
  }
}

/** A bar chart as SVG: rows of [label, value, count?]. Vertical bars for days, horizontal for names. */
function barChart(rows, title, { vertical = false } = {}) {
  if (!rows.length) return h('p.muted', {}, 'Nothing charged yet this month.');
  const max = Math.max(...rows.map((r) => r[1]), 0.000001);
  const labelled = (el, text) => { el.append(svg('title', {}, text)); return el; };
  if (vertical) {
    const band = 44, w = Math.max(320, rows.length * band), hgt = 160;
    return svg('svg', { class: 'chart', width: w, viewBox: `0 0 ${w} ${hgt + 34}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'xMinYMin meet' },
      rows.map(([label, value], i) => {
        const bh = (value / max) * hgt;
        return svg('g', {}, labelled(svg('rect', { x: i * band + band * 0.2, y: hgt - bh, width: band * 0.6, height: Math.max(bh, 1), class: 'bar' }), `${label}: ${money(value, { precise: true })}`),
          svg('text', { x: i * band + band / 2, y: hgt + 14, 'text-anchor': 'middle', class: 'axis' }, label),
          svg('text', { x: i * band + band / 2, y: hgt + 28, 'text-anchor': 'middle', class: 'value' }, money(value)));
      }));
  }
  const rowH = 28, labelW = 220, w = 640;
  return svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${rows.length * rowH + 4}`, role: 'img', 'aria-label': title },
    rows.map(([label, value, count], i) => {
      const bw = (value / max) * (w - labelW - 90);
      return svg('g', {}, svg('text', { x: labelW - 8, y: i * rowH + 19, 'text-anchor': 'end', class: 'axis' }, label),
        labelled(svg('rect', { x: labelW, y: i * rowH + 5, width: Math.max(bw, 1), height: rowH - 10, class: 'bar' }), `${label}: ${money(value, { precise: true })}`),
        svg('text', { x: labelW + bw + 6, y: i * rowH + 19, class: 'value' }, `${money(value, { precise: true })} · ${count}×`));
    }));
}

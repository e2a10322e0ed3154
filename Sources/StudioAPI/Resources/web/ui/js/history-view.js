// The History tab: the user's jobs, newest first (thumbnail, operation, model, cost, time, status);
// any result reopens in the Edit tab.
import { api, image, imageURL } from './api.js';
import { h, clear, money, micros, duration, when, describeError, toast } from './dom.js';

export class HistoryView {
  constructor(root, app) {
    this.app = app;
    this.list = h('ol.history', { 'aria-label': 'Past jobs' });
    this.more = h('button', { type: 'button', hidden: true, onclick: () => this.load(this.page + 1) }, 'Load more');
    this.summary = h('p.muted');
    root.append(h('div.panel', {}, h('h1', {}, 'History'), this.summary, this.list, this.more));
  }

  show() { this.load(1); }

  async load(page) {
    try {
      const answer = await api.get(`/api/image-studio/jobs?page=${page}&per_page=24`);
      this.page = page;
      if (page === 1) clear(this.list);
      for (const job of answer.data) this.list.append(this.item(job));
      this.summary.textContent = answer.total ? `${answer.total} job${answer.total === 1 ? '' : 's'}` : 'No jobs yet: run an edit and it appears here.';
      this.more.hidden = page * answer.per_page >= answer.total;
    } catch (error) {
      toast(describeError(error), 'error');
    }
  }

  item(job) {
    const thumb = h('div.thumb', {}, job.status !== 'succeeded' ? job.status : job.operation === 'image_to_3d' ? '3D model (GLB)' : '…');
    if (job.output_url && job.operation !== 'image_to_3d') {
      imageURL(`${job.output_url}?thumb=256`).then((url) => clear(thumb, h('img', { src: url, alt: `${job.operation} result` }))).catch(() => {});
    }
    const cost = job.charged_cost_micros ?? job.estimated_cost_micros;
    const open = !job.output_url ? null : job.operation === 'image_to_3d'
      ? h('button', { type: 'button', onclick: () => this.downloadModel(job) }, 'Download GLB')
      : h('button', { type: 'button', onclick: () => this.open(job) }, 'Open');
    return h('li.history-item', { dataset: { job: job.id, status: job.status } }, thumb,
      h('div.history-meta', {},
        h('strong', {}, job.operation.replaceAll('_', ' ')),
        h('span', {}, `${job.model} (${job.provider})`),
        h('span', {}, `${money(micros(cost))}${job.charged_cost_micros == null && job.status !== 'failed' ? ' (held)' : ''} · ${duration(job.duration_seconds)}`),
        h('span.muted.small', {}, when(job.created_at)),
        h('span.status-chip', { dataset: { status: job.status } }, job.status),
        job.error ? h('span.error.small', {}, job.error.message) : null),
      open);
  }

  async downloadModel(job) {
    try {
      const { blob } = await image(job.output_url);
      const link = h('a', { href: URL.createObjectURL(new Blob([blob], { type: 'model/gltf-binary' })), download: `imagestudio-${job.id.slice(0, 8)}.glb` });
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) {
      toast(describeError(error), 'error');
    }
  }

  async open(job) {
    try {
      const [after, before] = await Promise.all([image(job.output_url), job.input_url ? imageURL(job.input_url) : null]);
      location.hash = '#/edit';
      this.app.editView.showPast(before, { url: after.url, blob: after.blob, job, cost: micros(job.charged_cost_micros ?? 0), seconds: job.duration_seconds });
    } catch (error) {
      toast(describeError(error), 'error');
    }
  }
}

// Running edits as async jobs: submit (with an Idempotency-Key, so a retry is charged once), follow
// the job's server-sent events with a progress bar, cancel, and fetch the output.
import { api, image } from './api.js';
import { h, clear, money, micros, duration, describeError } from './dom.js';

const STEPS = { queued: [8, 'Queued'], running: [25, 'Running'], provider_submitting: [40, 'Sending to the provider'],
  provider_processing: [60, 'The provider is working'], done: [100, 'Done'], failed: [100, 'Failed'] };

/** Submits one body to a costly route as an async job; resolves with the queued job ({job_id, model, provider}). */
export function submit(body, path = '/api/image-studio/edit/process') {
  return api.post(`${path}?async=true`, body, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

/** One job's progress: a labelled bar, a status line, a cancel button. */
export class JobProgress {
  constructor(label) {
    this.bar = h('progress', { max: '100', value: '0', 'aria-label': `${label} progress` });
    this.status = h('span.status', { role: 'status' }, 'Submitting…');
    this.cancelButton = h('button', { type: 'button', onclick: () => this.cancel() }, 'Cancel');
    this.root = h('div.job-progress', { dataset: { state: 'submitting' } }, h('span.job-label', {}, label), this.bar, this.status, this.cancelButton);
    this.controller = new AbortController();
  }

  set(name, text) {
    if (this.cancelled && name === 'failed') text = 'Cancelled — nothing was charged';
    const [value, label] = STEPS[name] ?? [this.bar.value, name];
    this.bar.value = Math.max(Number(this.bar.value), value);
    this.status.textContent = text ?? label;
    this.root.dataset.state = name;
    clearInterval(this.creep);
    if (name === 'provider_processing' || name === 'running') {
      // The provider gives no percentage: creep towards 90% so the bar shows life.
      this.creep = setInterval(() => { this.bar.value = Math.min(90, Number(this.bar.value) + (90 - this.bar.value) * 0.05); }, 400);
    }
  }

  async cancel() {
    this.cancelButton.disabled = true;
    if (!this.jobID) { this.controller.abort(); return; }
    try { await api.del(`/api/image-studio/jobs/${this.jobID}`); this.cancelled = true; this.set('failed'); }
    catch (error) { this.status.textContent = describeError(error); this.cancelButton.disabled = false; }
  }

  finish() { clearInterval(this.creep); this.cancelButton.hidden = true; }
}

/** Runs one body: resolves {job, url, blob, seconds, cost} or {error}. Progress is shown in `progress`. */
export async function runJob(body, progress, path) {
  const started = performance.now();
  try {
    const queued = await submit(body, path);
    progress.jobID = queued.job_id;
    progress.set('queued', `Queued on ${queued.model} (${queued.provider})`);
    const job = await api.follow(queued.job_id, (name, j) => {
      progress.set(name, name === 'failed' ? (j.error?.message ?? 'Failed') : undefined);
    }, progress.controller.signal);
    progress.finish();
    if (!job || job.status !== 'succeeded') {
      const error = new Error(job?.error?.message ?? 'The job did not finish.');
      error.code = job?.error?.code;
      return { job, error };
    }
    const { url, blob } = await image(job.output_url);
    progress.set('done', `Done — ${money(micros(job.charged_cost_micros ?? job.estimated_cost_micros))}, ${duration(job.duration_seconds ?? (performance.now() - started) / 1000)}`);
    return { job, url, blob, seconds: job.duration_seconds ?? (performance.now() - started) / 1000, cost: micros(job.charged_cost_micros ?? job.estimated_cost_micros) };
  } catch (error) {
    progress.finish();
    progress.set('failed', error.name === 'AbortError' ? 'Cancelled' : describeError(error));
    return { error };
  }
}

/**
 * Runs `count` copies of `body` at once, each with its own progress row; with `vary`, each copy gets
 * its own random seed (below 2^31, which every provider accepts). Resolves {done, failed}: the results
 * that finished and the first failure.
 */
export async function runVariations(body, count, progress, { label, path, vary = false }) {
  progress.reset();
  const results = await Promise.all(Array.from({ length: count }, (_, i) => runJob(
    vary && count > 1 ? { ...body, seed: Math.floor(Math.random() * 2_147_483_647) } : body,
    progress.add(count > 1 ? `Variation ${i + 1}` : label), path)));
  return { done: results.filter((r) => !r.error), failed: results.find((r) => r.error) };
}

/** A list of progress rows. */
export class ProgressList {
  constructor() { this.root = h('div.progress-list', { 'aria-live': 'polite' }); }
  reset() { clear(this.root); }
  add(label) { const p = new JobProgress(label); this.root.append(p.root); return p; }
}

// The result: a before/after slider, variations to pick from, download as PNG/JPEG/WebP, and
// "use as input" to chain edits.
import { h, clear, field, money, duration } from './dom.js';

const FORMATS = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

export class ResultView {
  constructor({ onUseAsInput, id = '' }) {
    this.onUseAsInput = onUseAsInput;
    this.before = h('img.before', { alt: 'Before' });
    this.after = h('img.after', { alt: 'After' });
    this.split = h('input.split', { type: 'range', min: '0', max: '100', value: '50', 'aria-label': 'Before/after split',
      oninput: () => this.applySplit() });
    this.divider = h('div.divider', { 'aria-hidden': 'true' });
    this.compare = h('div.before-after', {}, this.after, this.before, this.divider);
    this.caption = h('p.small.result-caption');
    this.variations = h('div.variations', { role: 'listbox', 'aria-label': 'Variations' });
    this.format = h('select', {}, Object.keys(FORMATS).map((f) => h('option', { value: f }, f.toUpperCase())));
    this.root = h('section.result', { hidden: true, 'aria-label': 'Result' },
      h('h2', {}, 'Result'), this.compare, this.split, this.caption, this.variations,
      h('div.result-actions', {}, field('Format', this.format),
        h('button.primary', { type: 'button', id: `${id}download`, onclick: () => this.download() }, 'Download'),
        h('button', { type: 'button', id: `${id}use-as-input`, onclick: () => this.onUseAsInput(this.current.blob) }, 'Use as input')));
    this.applySplit();
  }

  /** Shows `items` ([{url, blob, job, cost, seconds}]) against the `beforeURL` image. */
  show(beforeURL, items) {
    this.items = items;
    this.before.src = beforeURL ?? '';
    this.compare.classList.toggle('no-before', !beforeURL);
    clear(this.variations, items.length > 1 ? items.map((item, i) => h('button.variation', { type: 'button', role: 'option',
      'aria-label': `Variation ${i + 1}`, onclick: () => this.pick(i) }, h('img', { src: item.url, alt: '' }))) : []);
    this.root.hidden = false;
    this.pick(0);
  }

  pick(index) {
    this.current = this.items[index];
    this.after.src = this.current.url;
    for (const [i, button] of [...this.variations.children].entries()) button.setAttribute('aria-selected', String(i === index));
    const { job } = this.current;
    this.caption.textContent = job ? `${job.model} (${job.provider}) · ${money(this.current.cost)} · ${duration(this.current.seconds)}` : '';
  }

  applySplit() {
    const at = Number(this.split.value);
    this.before.style.clipPath = `inset(0 ${100 - at}% 0 0)`;
    this.divider.style.left = `${at}%`;
  }

  async download() {
    const format = this.format.value;
    let blob = this.current.blob;
    if (blob.type !== FORMATS[format]) {
      const bitmap = await createImageBitmap(blob);
      const canvas = h('canvas', { width: bitmap.width, height: bitmap.height });
      const ctx = canvas.getContext('2d');
      if (format === 'jpeg') { ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, bitmap.width, bitmap.height); }
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      blob = await new Promise((resolve) => canvas.toBlob(resolve, FORMATS[format], 0.92));
    }
    const name = `imagestudio-${this.current.job?.id?.slice(0, 8) ?? 'result'}.${format === 'jpeg' ? 'jpg' : format}`;
    const link = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}

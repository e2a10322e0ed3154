// One tab per family (Create, Upscale, Face swap, Translate, 3D), built from families.js and the
// same parts as the Edit tab: image drop, model selector, cost line, job progress, result.
import { h, field, clear, bytes, debounce, describeError, uid } from './dom.js';
import { ImageDrop, dataURL } from './upload.js';
import { ModelSelector } from './models.js';
import { CostLine } from './cost.js';
import { ProgressList, runVariations } from './jobs.js';
import { ResultView } from './result.js';

export class FamilyView {
  constructor(root, app, key, family) {
    this.app = app;
    this.family = family;
    this.images = {};
    const prefix = `${key}-`;
    this.drops = family.inputs.map((input) => new ImageDrop({ id: `${prefix}${input.key}-`, label: input.label,
      onImage: (info) => { this.images[input.key] = info; this.changed('image'); } }));
    this.form = h('div.family-fields', {}, family.fields.map((spec) => this.control(spec)));
    this.models = new ModelSelector({ onChange: (what) => this.changed(what.preference ? 'preference' : 'model') });
    this.cost = new CostLine(`${prefix}cost-line`, { noun: family.noun, unit: family.unit });
    this.count = family.variations
      ? h('select', { id: `${prefix}variations`, onchange: () => this.changed('count') }, [1, 2, 3, 4].map((n) => h('option', { value: String(n) }, String(n))))
      : null;
    this.runButton = h('button.primary.run', { type: 'button', id: `${prefix}run`, onclick: () => this.run() }, 'Run');
    this.error = h('p.error', { role: 'alert', hidden: true });
    this.progress = new ProgressList();
    this.result = new ResultView({ id: prefix, onUseAsInput: (blob) => app.openInEditor(blob, `${family.title.toLowerCase()} result`) });
    this.model3D = h('section.result.model3d', { hidden: true, 'aria-label': '3D result' });
    this.refreshModels = debounce(() => this.loadModels(), 150);
    this.refreshQuote = debounce(() => this.quote(), 200);
    root.append(h('div.edit-layout', {},
      h('aside.panel.controls', { 'aria-label': `${family.title} settings` },
        h('h1', {}, family.title), h('p.muted.small', {}, family.intro),
        this.drops.map((drop, i) => [h('h2', {}, family.inputs[i].label[0].toUpperCase() + family.inputs[i].label.slice(1)), drop.root]),
        family.fields.length ? [h('h2', {}, 'Settings'), this.form] : null,
        h('h2', {}, 'Model'), this.models.root,
        h('h2', {}, 'Run'), this.count ? field('Variations', this.count) : null,
        this.cost.root, this.error, this.runButton, this.progress.root),
      h('div.workspace', {}, this.preview = h('div.panel.family-preview', {}, h('p.muted', {}, 'Results appear here.')), this.result.root, this.model3D)));
    this.ready = false;
  }

  show() {
    if (!this.ready) { this.ready = true; this.loadModels(); }
  }

  control(spec) {
    const attrs = { name: spec.name, placeholder: spec.placeholder, required: spec.required, oninput: () => this.changed('field') };
    let control;
    if (spec.type === 'select') control = h('select', attrs, spec.options.map(([value, label]) => h('option', { value }, label)));
    else if (spec.type === 'textarea') control = h('textarea', { ...attrs, rows: '3' });
    else control = h('input', { ...attrs, type: spec.type ?? 'text', id: uid() });
    return field(spec.label + (spec.required ? ' (required)' : ''), control);
  }

  values() {
    const values = {};
    for (const control of this.form.querySelectorAll('[name]')) values[control.name] = control.value.trim();
    return values;
  }

  get runs() { return this.count ? Number(this.count.value) : 1; }

  /** The size prices are computed for: the main input image, or the output size asked for. */
  get size() { return this.images.image ?? this.family.size?.(this.values()) ?? null; }

  changed(what) {
    if (what === 'image' || what === 'preference' || (what === 'field' && this.family.size)) this.refreshModels();
    else this.refreshQuote();
  }

  async loadModels() {
    try { await this.models.refresh(this.family.operation, this.size); } catch (error) { this.error.textContent = describeError(error); this.error.hidden = false; }
    this.quote();
  }

  quote() {
    const missing = this.family.inputs.find((input) => !this.images[input.key]);
    if (missing) { this.cost.say(`Add ${missing.label} to see the price.`); return; }
    this.cost.update({ operation: this.family.operation, model: this.models.selected, runs: this.runs, size: this.size,
      preferences: this.models.preferences });
  }

  async body() {
    for (const input of this.family.inputs) if (!this.images[input.key]) throw new Error(`Add ${input.label} first.`);
    for (const spec of this.family.fields) {
      if (spec.required && !this.values()[spec.name]) throw new Error(`${spec.label} is required.`);
    }
    const body = { ...this.family.body(this.values()), preferences: this.models.preferences };
    for (const input of this.family.inputs) body[input.field] = await dataURL(this.images[input.key].blob);
    if (this.models.selected) body.model = this.models.selected;
    return body;
  }

  async run() {
    this.error.hidden = true;
    let body;
    try { body = await this.body(); } catch (error) { this.error.textContent = error.message; this.error.hidden = false; return; }
    this.runButton.disabled = true;
    const { done, failed } = await runVariations(body, this.runs, this.progress, { label: this.family.title, path: this.family.path });
    this.runButton.disabled = false;
    if (done.length) this.show3DOrImages(done);
    if (failed) { this.error.textContent = describeError(failed.error); this.error.hidden = false; }
    this.app.refreshAccount().catch(() => {});
    this.quote();
  }

  show3DOrImages(done) {
    this.preview.hidden = true;
    if (this.family.output !== '3d') {
      const before = this.images.image ? URL.createObjectURL(this.images.image.blob) : null;
      this.result.show(before, done);
      return;
    }
    const { blob, job } = done[0];
    const glb = new Blob([blob], { type: 'model/gltf-binary' });
    const link = h('a.button.primary', { href: URL.createObjectURL(glb), download: `imagestudio-${job.id.slice(0, 8)}.glb`, id: 'download-glb' }, 'Download GLB');
    clear(this.model3D, h('h2', {}, '3D model ready'),
      h('p', {}, `${job.model} (${job.provider}) · ${bytes(glb.size)} GLB · open it in any glTF viewer (Blender, three.js, model-viewer).`), link);
    this.model3D.hidden = false;
  }
}

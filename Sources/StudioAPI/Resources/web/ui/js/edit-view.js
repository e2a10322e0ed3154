// The Edit tab: upload → operation and its fields → mask → model → cost → run → result.
import { h, field, debounce, describeError, toast } from './dom.js';
import { ImageDrop, readImage, dataURL } from './upload.js';
import { OperationForm } from './operations.js';
import { MaskEditor } from './mask-editor.js';
import { ModelSelector } from './models.js';
import { ProgressList, runVariations } from './jobs.js';
import { ResultView } from './result.js';
import { CostLine } from './cost.js';

export class EditView {
  constructor(root, app) {
    this.app = app;
    app.editView = this;
    this.image = null;
    this.drop = new ImageDrop({ onImage: (info) => this.setImage(info) });
    this.stage = new MaskEditor();
    this.ops = new OperationForm({ onChange: () => this.changed('operation'), onExpansion: (e) => this.stage.setExpansion(e) });
    this.models = new ModelSelector({ onChange: (what) => this.changed(what.preference ? 'preference' : 'model') });
    this.cost = new CostLine('cost-line');
    this.cost.say('Upload an image to see what an edit costs.');
    this.count = h('select', { id: 'variations', onchange: () => this.changed('count') }, [1, 2, 3, 4].map((n) => h('option', { value: String(n) }, String(n))));
    this.outputFormat = h('select', { id: 'output-format' }, ['png', 'jpeg', 'webp'].map((f) => h('option', { value: f }, f.toUpperCase())));
    this.runButton = h('button.primary.run', { type: 'button', id: 'run', disabled: true, onclick: () => this.run() }, 'Run');
    this.formError = h('p.error', { role: 'alert', hidden: true });
    this.progress = new ProgressList();
    this.result = new ResultView({ onUseAsInput: (blob) => this.loadImage(blob, 'previous result') });
    this.refreshModels = debounce(() => this.loadModels(), 150);
    this.refreshQuote = debounce(() => this.quote(), 200);

    root.append(h('div.edit-layout', {},
      h('aside.panel.controls', { 'aria-label': 'Edit settings' },
        h('h2', {}, '1. Image'), this.drop.root,
        h('h2', {}, '2. Operation'), this.ops.root,
        h('h2', {}, '3. Model'), this.models.root,
        h('h2', {}, '4. Run'),
        h('div.run-options', {}, field('Variations', this.count), field('Output format', this.outputFormat)),
        this.cost.root, this.formError, this.runButton, this.progress.root),
      h('div.workspace', {}, this.stage.root, this.result.root)));
    this.ops.load().catch((error) => toast(describeError(error), 'error'));
  }

  show() { if (this.image) this.stage.fit(); }

  changed(what) {
    this.stage.setMaskEnabled(this.ops.usesMask);
    if (['operation', 'preference', 'image'].includes(what) && this.ops.operation) this.refreshModels();
    else this.refreshQuote();
  }

  async loadModels() {
    try {
      await this.models.refresh(this.ops.operation, this.image);
    } catch (error) {
      toast(describeError(error), 'error');
    }
    this.quote();
  }

  async setImage(info) {
    this.image = info;
    this.imageURL && URL.revokeObjectURL(this.imageURL);
    this.imageURL = URL.createObjectURL(info.blob);
    await this.stage.setImage(info.blob, info.width, info.height);
    this.ops.setImage(info);
    this.runButton.disabled = false;
    this.changed('image');
  }

  /** Loads a Blob (a result, a history item) as the new input. */
  async loadImage(blob, name) {
    try {
      const info = await readImage(blob, name);
      this.drop.show(info);
      await this.setImage(info);
      toast(`Loaded ${name} as the input`);
      document.getElementById('main').scrollTo?.(0, 0);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  get runs() { return Number(this.count.value); }

  async quote() {
    if (!this.image || !this.ops.operation) return;
    await this.cost.update({ operation: this.ops.operation, model: this.models.selected, runs: this.runs,
      size: this.image, preferences: this.models.preferences });
  }

  /** The request body shared by every run (the model is added per run). */
  async body() {
    const body = this.ops.values();
    if (this.ops.needsMask && !this.stage.hasMask()) throw new Error(`Paint the area to change first: ${this.ops.info.label} needs a mask.`);
    body.image_base64 = await dataURL(this.image.blob);
    if (this.ops.usesMask && this.stage.hasMask()) body.mask_base64 = await dataURL(await this.stage.exportPNG());
    body.output_format = this.outputFormat.value;
    body.preferences = this.models.preferences;
    return body;
  }

  async run() {
    this.formError.hidden = true;
    let body;
    try {
      body = await this.body();
    } catch (error) {
      this.formError.textContent = error.message;
      this.formError.hidden = false;
      return;
    }
    if (this.models.selected) body.model = this.models.selected;
    this.runButton.disabled = true;
    const { done, failed } = await runVariations(body, this.runs, this.progress, { label: 'Edit', vary: true });
    this.runButton.disabled = false;
    if (done.length) this.result.show(this.imageURL, done);
    if (failed) {
      this.formError.textContent = describeError(failed.error);
      this.formError.hidden = false;
    }
    this.app.refreshAccount().catch(() => {});
    this.quote();
  }

  /** Shows a past job (history): its stored input as "before", its output as "after". */
  showPast(beforeURL, item) {
    this.result.show(beforeURL, [item]);
    this.result.root.scrollIntoView({ block: 'start' });
  }
}

// The operation toolbar (from GET /edit/operations) and each operation's own fields.
import { api } from './api.js';
import { h, field, clear } from './dom.js';
import { readImage, dataURL } from './upload.js';

const ORDER = ['general_edit', 'inpaint', 'outpaint', 'erase', 'remove_background', 'search_replace', 'search_recolor',
  'relight', 'upscale', 'crop', 'convert'];

export class OperationForm {
  constructor({ onChange, onExpansion }) {
    this.onChange = onChange;
    this.onExpansion = onExpansion;
    this.toolbar = h('div.op-toolbar', { role: 'radiogroup', 'aria-label': 'Operation' });
    this.description = h('p.muted.small.op-description');
    this.fields = h('div.op-fields');
    this.root = h('div.operations', {}, this.toolbar, this.description, this.fields);
    this.operation = null;
    this.image = null;
    this.references = {};
  }

  async load() {
    const { operations } = await api.get('/api/image-studio/edit/operations');
    this.catalog = operations;
    const names = ORDER.filter((name) => operations[name]).concat(Object.keys(operations).filter((n) => !ORDER.includes(n)));
    clear(this.toolbar, names.map((name) => {
      const op = operations[name];
      return h('button.op', { type: 'button', role: 'radio', 'aria-checked': 'false', dataset: { op: name },
        title: op.available ? op.description : `${op.description} — no provider for it is configured here`,
        disabled: !op.available, onclick: () => this.select(name),
        onkeydown: (e) => this.arrow(e, names) }, op.label);
    }));
    this.select(names.find((n) => operations[n].available) ?? names[0]);
  }

  arrow(event, names) {
    if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(event.key)) return;
    event.preventDefault();
    const enabled = names.filter((n) => this.catalog[n].available);
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1;
    const next = enabled[(enabled.indexOf(this.operation) + step + enabled.length) % enabled.length];
    this.select(next);
    this.toolbar.querySelector(`[data-op="${next}"]`).focus();
  }

  get info() { return this.catalog?.[this.operation]; }
  get usesMask() { return !!this.info?.fields.mask; }
  get needsMask() { return this.info?.required.includes('mask'); }

  setImage(image) {
    this.image = image;
    this.updateCanvasText();
  }

  select(name) {
    this.operation = name;
    for (const button of this.toolbar.querySelectorAll('[data-op]')) {
      const on = button.dataset.op === name;
      button.setAttribute('aria-checked', String(on));
      button.tabIndex = on ? 0 : -1;
    }
    this.description.textContent = this.info.description;
    this.renderFields();
    this.onChange();
  }

  renderFields() {
    const f = this.info.fields;
    const required = new Set(this.info.required);
    const text = (name, label, placeholder, area = false) => {
      const control = h(area ? 'textarea' : 'input', { name, placeholder, rows: area ? '3' : undefined, required: required.has(name),
        oninput: () => this.onChange() });
      return field(label + (required.has(name) ? ' (required)' : ''), control);
    };
    const parts = [];
    if (f.prompt) parts.push(text('prompt', 'Prompt', promptHint(this.operation), true));
    if (f.negative_prompt) parts.push(text('negative_prompt', 'Negative prompt', 'what to avoid'));
    if (f.search_prompt) parts.push(text('search_prompt', 'Search prompt', 'the object to find, e.g. "the cat"'));
    if (f.select_prompt) parts.push(text('select_prompt', 'Select prompt', 'the object to recolor (or paint a mask)'));
    if (f.expansion) parts.push(this.expansionFields());
    if (this.operation === 'relight') parts.push(this.relightFields());
    if (this.operation === 'upscale') parts.push(field('Scale', h('select', { name: 'opt:scale', onchange: () => this.onChange() },
      ['2', '4', '1.5', '0.5'].map((v) => h('option', { value: v }, `${v}×`)))));
    if (this.operation === 'crop') parts.push(this.cropFields());
    if (f.background) parts.push(this.referenceField('background', 'Background reference (optional)'));
    if (f.lighting && this.operation !== 'relight') parts.push(this.referenceField('lighting', 'Lighting reference (optional)'));
    if (this.usesMask) parts.push(h('p.hint', {}, this.needsMask ? 'Paint the area to change on the image (required).' : 'Optionally paint a mask to limit the change.'));
    clear(this.fields, parts);
    this.updateCanvasText();
    this.onExpansion(this.expansion());
  }

  expansionFields() {
    const side = (name, label) => field(label, h('input', { type: 'number', name, min: '0', max: '2000', step: '8', value: '0', inputmode: 'numeric',
      oninput: () => { this.updateCanvasText(); this.onExpansion(this.expansion()); this.onChange(); } }));
    this.canvasText = h('p.canvas-size', { 'aria-live': 'polite' });
    return h('fieldset.expansion', {}, h('legend', {}, 'Expand the canvas (pixels)'),
      h('div.grid4', {}, side('expand_left', 'Left'), side('expand_right', 'Right'), side('expand_up', 'Up'), side('expand_down', 'Down')),
      this.canvasText);
  }

  relightFields() {
    const direction = h('select', { name: 'opt:light_source_direction', onchange: () => this.onChange() },
      h('option', { value: '' }, 'from the prompt'), ['left', 'right', 'above', 'below'].map((d) => h('option', { value: d }, d)));
    const strength = h('input', { type: 'range', name: 'opt:light_source_strength', min: '0', max: '1', step: '0.05', value: '0.4', oninput: () => this.onChange() });
    return h('fieldset', {}, h('legend', {}, 'Light'), field('Direction', direction), field('Strength', strength));
  }

  cropFields() {
    const n = (name, label) => field(label, h('input', { type: 'number', name: `opt:${name}`, min: '0', inputmode: 'numeric', oninput: () => this.onChange() }));
    return h('fieldset', {}, h('legend', {}, 'Crop rectangle (pixels)'), h('div.grid4', {}, n('left', 'Left'), n('top', 'Top'), n('width', 'Width'), n('height', 'Height')));
  }

  referenceField(name, label) {
    const status = h('small.hint');
    const input = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp', onchange: async () => {
      const file = input.files[0];
      delete this.references[name];
      if (!file) return;
      try {
        await readImage(file, file.name);
        this.references[name] = await dataURL(file);
        status.textContent = file.name;
      } catch (error) { status.textContent = error.message; input.value = ''; }
    } });
    return h('div.field', {}, h('label', {}, label, input), status);
  }

  expansion() {
    const get = (name) => Math.max(0, Number(this.fields.querySelector(`[name="${name}"]`)?.value || 0));
    return { left: get('expand_left'), right: get('expand_right'), up: get('expand_up'), down: get('expand_down') };
  }

  updateCanvasText() {
    if (!this.canvasText) return;
    if (!this.image) { this.canvasText.textContent = ''; return; }
    const e = this.expansion();
    this.canvasText.textContent = `New canvas: ${this.image.width + e.left + e.right} × ${this.image.height + e.up + e.down} px (from ${this.image.width} × ${this.image.height})`;
  }

  /** The request fields (without image, mask, model). Throws a readable Error when a required one is empty. */
  values() {
    const body = { operation: this.operation };
    const options = {};
    for (const control of this.fields.querySelectorAll('[name]')) {
      const { name, value } = control;
      if (name.startsWith('opt:')) {
        if (value === '') continue;
        const key = name.slice(4);
        options[key] = control.type === 'range' || control.type === 'number' || key === 'scale' ? Number(value) : value;
      } else if (name.startsWith('expand_')) {
        body[name] = Number(value || 0);
      } else if (value.trim()) {
        body[name] = value.trim();
      } else if (control.required) {
        throw new Error(`${control.labels?.[0]?.textContent.replace(' (required)', '') ?? name} is required for ${this.info.label}.`);
      }
    }
    if (this.operation === 'outpaint' && !Object.values(this.expansion()).some((v) => v > 0)) {
      throw new Error('Expand at least one side for Outpaint.');
    }
    if (this.operation === 'relight' && options.light_source_direction === undefined) delete options.light_source_strength;
    if (Object.keys(options).length) body.options = options;
    if (this.references.background) body.background_image_base64 = this.references.background;
    if (this.references.lighting) body.lighting_image_base64 = this.references.lighting;
    return body;
  }
}

function promptHint(operation) {
  return {
    general_edit: 'e.g. "make it snowy, keep the cat"',
    inpaint: 'what to paint in the masked area',
    outpaint: 'what the new area should show (optional)',
    search_replace: 'what to put in its place',
    search_recolor: 'the new colour, e.g. "deep red"',
    relight: 'e.g. "warm light from the left, brighter"',
  }[operation] ?? '';
}

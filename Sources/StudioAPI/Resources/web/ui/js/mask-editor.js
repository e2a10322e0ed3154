// The stage: the image with a paintable mask over it. Brush and eraser (B, E), size ([ and ]),
// feather, invert, clear, undo/redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y), zoom (Ctrl+wheel, + − 0) and pan
// (Space+drag, middle button, or the hand tool on touch screens). Strokes are kept as vectors and
// replayed, so undo costs no pixel copies on big images. The mask is exported at the image's native
// size: white = edit, black = keep, feathered by a Gaussian blur.
import { h, field } from './dom.js';

export class MaskEditor {
  constructor({ onChange } = {}) {
    this.onChange = onChange ?? (() => {});
    this.ops = [];
    this.undone = [];
    this.tool = 'brush';
    this.view = { scale: 1, x: 0, y: 0 };
    this.expansion = { left: 0, right: 0, up: 0, down: 0 };
    this.maskEnabled = false;
    this.build();
  }

  build() {
    const tool = (name, label, key) => h('button.tool', { type: 'button', dataset: { tool: name }, 'aria-pressed': String(name === this.tool),
      title: `${label} (${key})`, onclick: () => this.setTool(name) }, label);
    this.size = h('input', { type: 'range', min: '2', max: '400', value: '40', oninput: () => this.updateCursor() });
    this.sizeOut = h('output', { for: '' });
    this.feather = h('input', { type: 'range', min: '0', max: '64', value: '0', oninput: () => this.renderFeather() });
    this.undoButton = h('button', { type: 'button', title: 'Undo (Ctrl+Z)', onclick: () => this.undo() }, 'Undo');
    this.redoButton = h('button', { type: 'button', title: 'Redo (Ctrl+Shift+Z)', onclick: () => this.redo() }, 'Redo');
    this.tools = h('div.mask-tools', { role: 'toolbar', 'aria-label': 'Mask tools' },
      tool('brush', 'Brush', 'B'), tool('eraser', 'Eraser', 'E'), tool('pan', 'Hand', 'Space'),
      field('Brush size', this.size, '[ and ] change it'), this.sizeOut,
      field('Feather', this.feather, 'soft edge, in pixels'),
      h('button', { type: 'button', onclick: () => this.push({ type: 'invert' }) }, 'Invert'),
      h('button', { type: 'button', onclick: () => this.push({ type: 'clear' }) }, 'Clear'),
      this.undoButton, this.redoButton);
    this.zoomLabel = h('output.zoom-label', {}, '100%');
    this.viewTools = h('div.view-tools', { role: 'toolbar', 'aria-label': 'Zoom' },
      h('button', { type: 'button', title: 'Zoom out (−)', 'aria-label': 'Zoom out', onclick: () => this.zoomBy(1 / 1.25) }, '−'),
      this.zoomLabel,
      h('button', { type: 'button', title: 'Zoom in (+)', 'aria-label': 'Zoom in', onclick: () => this.zoomBy(1.25) }, '+'),
      h('button', { type: 'button', title: 'Fit (0)', onclick: () => this.fit() }, 'Fit'));
    this.imageCanvas = h('canvas.image-layer', { 'aria-hidden': 'true' });
    this.maskCanvas = h('canvas.mask-layer', { 'aria-hidden': 'true' });
    this.frame = h('div.expansion-frame', { hidden: true });
    this.layer = h('div.layer', {}, this.frame, this.imageCanvas, this.maskCanvas);
    this.cursor = h('div.brush-cursor', { hidden: true });
    this.empty = h('p.stage-empty.muted', {}, 'Your image appears here.');
    this.viewport = h('div.viewport', { tabindex: '0', 'aria-label': 'Image and mask. Paint with the pointer; B brush, E eraser, [ ] size, Ctrl+Z undo.' },
      this.layer, this.cursor, this.empty);
    this.root = h('div.stage', {}, this.tools, this.viewport, this.viewTools);
    this.bindPointer();
    this.bindKeys();
    new ResizeObserver(() => { if (this.width && this.autoFit) this.fit(); }).observe(this.viewport);
    this.setMaskEnabled(false);
  }

  /** Shows `blob` (already decoded to width × height); clears the mask. */
  async setImage(blob, width, height) {
    const bitmap = await createImageBitmap(blob);
    this.width = width; this.height = height;
    for (const canvas of [this.imageCanvas, this.maskCanvas]) { canvas.width = width; canvas.height = height; }
    this.imageCanvas.getContext('2d').drawImage(bitmap, 0, 0);
    bitmap.close();
    this.layer.style.width = `${width}px`;
    this.layer.style.height = `${height}px`;
    this.ops = []; this.undone = [];
    const side = Math.max(width, height);
    this.size.max = String(Math.max(8, Math.round(side / 3)));
    this.size.value = String(Math.max(4, Math.round(side / 25)));
    this.empty.hidden = true;
    this.autoFit = true;
    this.replay();
    this.fit();
  }

  setMaskEnabled(enabled) {
    this.maskEnabled = enabled;
    this.tools.hidden = !enabled;
    this.maskCanvas.hidden = !enabled;
    if (!enabled && this.tool !== 'pan') this.cursor.hidden = true;
  }

  /** The outpaint preview: the new canvas drawn around the image. */
  setExpansion(expansion) {
    this.expansion = expansion;
    const { left, right, up, down } = expansion;
    const any = left + right + up + down > 0;
    this.frame.hidden = !any;
    Object.assign(this.frame.style, { left: `${-left}px`, top: `${-up}px`, width: `${this.width + left + right}px`, height: `${this.height + up + down}px` });
    if (this.width) this.fit();
  }

  setTool(name) {
    this.tool = name;
    for (const button of this.tools.querySelectorAll('[data-tool]')) button.setAttribute('aria-pressed', String(button.dataset.tool === name));
    this.viewport.dataset.tool = name;
  }

  // Zoom and pan -----------------------------------------------------------------------------

  fit() {
    if (!this.width) return;
    const { left, right, up, down } = this.expansion;
    const w = this.width + left + right, hgt = this.height + up + down;
    const box = this.viewport.getBoundingClientRect();
    const scale = Math.min((box.width - 16) / w, (box.height - 16) / hgt, 4);
    this.view = { scale, x: (box.width - w * scale) / 2 + left * scale, y: (box.height - hgt * scale) / 2 + up * scale };
    this.applyView();
  }

  zoomBy(factor, cx, cy) {
    const box = this.viewport.getBoundingClientRect();
    cx ??= box.width / 2; cy ??= box.height / 2;
    const scale = Math.min(32, Math.max(0.02, this.view.scale * factor));
    const k = scale / this.view.scale;
    this.view = { scale, x: cx - (cx - this.view.x) * k, y: cy - (cy - this.view.y) * k };
    this.autoFit = false;
    this.applyView();
  }

  applyView() {
    const { scale, x, y } = this.view;
    this.layer.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    this.zoomLabel.textContent = `${Math.round(scale * 100)}%`;
    this.renderFeather();
    this.updateCursor();
  }

  renderFeather() {
    const blur = Number(this.feather.value) * this.view.scale;
    this.maskCanvas.style.filter = blur > 0 ? `blur(${blur}px)` : '';
  }

  // Painting ---------------------------------------------------------------------------------

  toImage(event) {
    const box = this.imageCanvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * this.width, y: ((event.clientY - box.top) / box.height) * this.height };
  }

  bindPointer() {
    let drag = null;
    this.viewport.addEventListener('pointerdown', (event) => {
      if (!this.width) return;
      this.viewport.focus({ preventScroll: true });
      const panning = this.tool === 'pan' || this.spaceDown || event.button === 1;
      if (!panning && (!this.maskEnabled || event.button !== 0)) return;
      event.preventDefault();
      this.viewport.setPointerCapture(event.pointerId);
      if (panning) {
        drag = { pan: true, x: event.clientX - this.view.x, y: event.clientY - this.view.y };
      } else {
        const stroke = { type: 'stroke', mode: this.tool, size: Number(this.size.value), points: [this.toImage(event)] };
        drag = { stroke };
        this.drawStroke(stroke, 0);
      }
    });
    this.viewport.addEventListener('pointermove', (event) => {
      const box = this.viewport.getBoundingClientRect();
      this.pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
      this.updateCursor();
      if (!drag) return;
      if (drag.pan) {
        this.view.x = event.clientX - drag.x; this.view.y = event.clientY - drag.y;
        this.autoFit = false;
        this.applyView();
      } else {
        drag.stroke.points.push(this.toImage(event));
        this.drawStroke(drag.stroke, drag.stroke.points.length - 2);
      }
    });
    const end = () => {
      if (drag?.stroke) this.push(drag.stroke, { drawn: true });
      drag = null;
    };
    this.viewport.addEventListener('pointerup', end);
    this.viewport.addEventListener('pointercancel', end);
    this.viewport.addEventListener('pointerleave', () => { this.pointer = null; this.updateCursor(); });
    this.viewport.addEventListener('wheel', (event) => {
      if (!this.width || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      const box = this.viewport.getBoundingClientRect();
      this.zoomBy(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
  }

  bindKeys() {
    document.addEventListener('keydown', (event) => {
      if (this.root.closest('.view')?.hidden || event.target.closest?.('input, textarea, select, dialog')) return;
      const key = event.key;
      if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'z') { event.preventDefault(); if (event.shiftKey) this.redo(); else this.undo(); return; }
      if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'y') { event.preventDefault(); this.redo(); return; }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (key === ' ' && event.target === this.viewport) { event.preventDefault(); this.spaceDown = true; this.viewport.dataset.tool = 'pan'; }
      else if (key === 'b' || key === 'B') this.setTool('brush');
      else if (key === 'e' || key === 'E') this.setTool('eraser');
      else if (key === '[') this.nudgeSize(1 / 1.2);
      else if (key === ']') this.nudgeSize(1.2);
      else if (key === '0') this.fit();
      else if (key === '+' || key === '=') this.zoomBy(1.25);
      else if (key === '-') this.zoomBy(1 / 1.25);
    });
    document.addEventListener('keyup', (event) => {
      if (event.key === ' ') { this.spaceDown = false; this.viewport.dataset.tool = this.tool; }
    });
  }

  nudgeSize(factor) {
    const next = Math.round(Math.min(Number(this.size.max), Math.max(2, Number(this.size.value) * factor + (factor > 1 ? 1 : -1))));
    this.size.value = String(next);
    this.updateCursor();
  }

  updateCursor() {
    this.sizeOut.textContent = `${this.size.value} px`;
    const show = this.pointer && this.maskEnabled && this.width && (this.tool === 'brush' || this.tool === 'eraser') && !this.spaceDown;
    this.cursor.hidden = !show;
    if (!show) return;
    const d = Number(this.size.value) * this.view.scale;
    Object.assign(this.cursor.style, { width: `${d}px`, height: `${d}px`, left: `${this.pointer.x - d / 2}px`, top: `${this.pointer.y - d / 2}px` });
  }

  drawStroke(stroke, from) {
    const ctx = this.maskCanvas.getContext('2d');
    ctx.save();
    ctx.globalCompositeOperation = stroke.mode === 'eraser' ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = '#ff2d2d';
    ctx.lineWidth = stroke.size;
    ctx.lineCap = ctx.lineJoin = 'round';
    const pts = stroke.points;
    if (pts.length === 1 || from < 0) {
      ctx.beginPath(); ctx.arc(pts[0].x, pts[0].y, stroke.size / 2, 0, Math.PI * 2); ctx.fill();
    }
    ctx.beginPath();
    ctx.moveTo(pts[Math.max(0, from)].x, pts[Math.max(0, from)].y);
    for (let i = Math.max(0, from) + 1; i < pts.length; i++) ctx.lineTo(pts[i].x, pts[i].y);
    ctx.stroke();
    ctx.restore();
  }

  apply(op) {
    const ctx = this.maskCanvas.getContext('2d');
    if (op.type === 'stroke') this.drawStroke(op, -1);
    else if (op.type === 'clear') ctx.clearRect(0, 0, this.width, this.height);
    else if (op.type === 'invert') {
      ctx.save(); ctx.globalCompositeOperation = 'xor'; ctx.fillStyle = '#ff2d2d'; ctx.fillRect(0, 0, this.width, this.height); ctx.restore();
    }
  }

  push(op, { drawn = false } = {}) {
    if (!this.width) return;
    this.ops.push(op);
    this.undone = [];
    // A stroke drawn live is redrawn whole, so the canvas always equals a replay of `ops`.
    if (drawn) this.replay(); else this.apply(op);
    this.changed();
  }

  undo() { if (this.ops.length) { this.undone.push(this.ops.pop()); this.replay(); this.changed(); } }
  redo() { if (this.undone.length) { const op = this.undone.pop(); this.ops.push(op); this.apply(op); this.changed(); } }

  replay() {
    this.maskCanvas.getContext('2d').clearRect(0, 0, this.width, this.height);
    for (const op of this.ops) this.apply(op);
  }

  changed() {
    this.undoButton.disabled = !this.ops.length;
    this.redoButton.disabled = !this.undone.length;
    this.onChange();
  }

  /** True when any pixel is masked (checked on a small copy). */
  hasMask() {
    if (!this.width || !this.ops.length) return false;
    const probe = document.createElement('canvas');
    probe.width = probe.height = 64;
    const ctx = probe.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(this.maskCanvas, 0, 0, 64, 64);
    const data = ctx.getImageData(0, 0, 64, 64).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
    return false;
  }

  /** The mask at native size as a PNG Blob: white = edit, black = keep. */
  async exportPNG() {
    const solid = document.createElement('canvas');
    solid.width = this.width; solid.height = this.height;
    const s = solid.getContext('2d');
    s.drawImage(this.maskCanvas, 0, 0);
    s.globalCompositeOperation = 'source-in';
    s.fillStyle = '#fff';
    s.fillRect(0, 0, this.width, this.height);
    const out = document.createElement('canvas');
    out.width = this.width; out.height = this.height;
    const o = out.getContext('2d');
    o.fillStyle = '#000';
    o.fillRect(0, 0, this.width, this.height);
    const feather = Number(this.feather.value);
    if (feather > 0) o.filter = `blur(${feather}px)`;
    o.drawImage(solid, 0, 0);
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  }
}

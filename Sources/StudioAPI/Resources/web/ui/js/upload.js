// Image input: drag-and-drop, file picker or paste. Refuses anything that is not a PNG, JPEG, WebP
// or GIF that the browser can decode, before anything is sent.
import { h, bytes } from './dom.js';

export const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** Reads a Blob as an image: {blob, name, type, bytes, width, height}; throws a readable Error. */
export async function readImage(blob, name = 'image') {
  if (!ACCEPTED.includes(blob.type)) {
    throw new Error(`${name} is not an image this studio takes (${blob.type || 'unknown type'}): use PNG, JPEG, WebP or GIF.`);
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new Error(`${name} could not be read as an image: the file is damaged or not really a ${blob.type.split('/')[1].toUpperCase()}.`);
  }
  const info = { blob, name, type: blob.type, bytes: blob.size, width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return info;
}

export class ImageDrop {
  /** onImage(info) gets each accepted image; onError(message) each refusal. */
  constructor({ onImage, onError, id = '', label = 'an image' }) {
    this.onImage = onImage;
    this.onError = onError;
    this.input = h('input.visually-hidden', { type: 'file', accept: ACCEPTED.join(','), id: `${id}file-input`, 'aria-label': `Choose ${label}`,
      onchange: () => this.take(this.input.files[0]) });
    this.info = h('p.image-info', { id: `${id}image-info`, 'aria-live': 'polite' });
    this.error = h('p.error', { role: 'alert', hidden: true });
    this.el = h('div.dropzone', { tabindex: '0', role: 'button', 'aria-label': `Upload ${label}: drop a file, paste, or press Enter to choose one`,
      onclick: () => this.input.click(),
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.input.click(); } },
      ondragover: (e) => { e.preventDefault(); this.el.classList.add('over'); },
      ondragleave: () => this.el.classList.remove('over'),
      ondrop: (e) => { e.preventDefault(); this.el.classList.remove('over'); this.take(e.dataTransfer.files[0]); },
    }, h('strong', {}, `Drop ${label}, paste it, or click to choose`), h('span.muted.small', {}, 'PNG, JPEG, WebP or GIF'));
    document.addEventListener('paste', (e) => {
      // The first visible drop zone of the shown view takes a pasted image.
      if (e.target.closest?.('input, textarea') || this.el.closest('.view')?.hidden) return;
      if ([...(this.el.closest('.view')?.querySelectorAll('.dropzone') ?? [])][0] !== this.el) return;
      const file = [...(e.clipboardData?.files ?? [])][0];
      if (file) { e.preventDefault(); this.take(file); }
    });
    this.root = h('div.upload', {}, this.el, this.input, this.info, this.error);
  }

  async take(file) {
    if (!file) return;
    this.error.hidden = true;
    try {
      const info = await readImage(file, file.name || 'The pasted file');
      this.show(info);
      this.onImage(info);
    } catch (error) {
      this.error.textContent = error.message;
      this.error.hidden = false;
      this.onError?.(error.message);
    } finally {
      this.input.value = '';
    }
  }

  show(info) {
    this.info.textContent = `${info.name} — ${info.width} × ${info.height} px, ${bytes(info.bytes)}`;
  }
}

/** A Blob as a data URL (the API's base64 fields). */
export function dataURL(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

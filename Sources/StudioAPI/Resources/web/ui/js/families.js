// The families beyond editing, as data for FamilyView: which route, which inputs, which fields.
const SIZES = [['1024x1024', 'Square 1024 × 1024'], ['1344x768', 'Landscape 1344 × 768'], ['768x1344', 'Portrait 768 × 1344'],
  ['1536x1024', 'Wide 1536 × 1024'], ['512x512', 'Small 512 × 512']];
const LANGUAGES = [['fr', 'French'], ['de', 'German'], ['es', 'Spanish'], ['it', 'Italian'], ['pt', 'Portuguese'], ['ja', 'Japanese'],
  ['zh', 'Chinese'], ['ko', 'Korean'], ['ar', 'Arabic'], ['hi', 'Hindi'], ['ru', 'Russian'], ['en', 'English']];

export const FAMILIES = {
  create: {
    title: 'Create', operation: 'generate', path: '/api/image-studio/create', noun: 'image', unit: 'generations',
    intro: 'Make images from a prompt. Each variation is its own run, priced and charged once.',
    inputs: [], variations: true,
    fields: [
      { name: 'prompt', label: 'Prompt', type: 'textarea', required: true, placeholder: 'a lighthouse at dusk, film photo' },
      { name: 'negative_prompt', label: 'Negative prompt', placeholder: 'what to avoid' },
      { name: 'size', label: 'Size', type: 'select', options: SIZES },
    ],
    /** The output size the model is priced for. */
    size: (values) => { const [width, height] = values.size.split('x').map(Number); return { width, height }; },
    body: (values) => {
      const [width, height] = values.size.split('x').map(Number);
      return { prompt: values.prompt, negative_prompt: values.negative_prompt || undefined, width, height, num_variations: 1 };
    },
  },
  upscale: {
    title: 'Upscale', operation: 'upscale', path: '/api/image-studio/upscale', noun: 'upscale', unit: 'edits',
    intro: 'Enlarge an image: the free local Lanczos engine, Stability (fast, conservative, creative) or WaveSpeed.',
    inputs: [{ key: 'image', label: 'an image', field: 'image_base64' }],
    fields: [
      { name: 'scale', label: 'Factor (local engine)', type: 'select', options: [['2', '2×'], ['4', '4×'], ['1.5', '1.5×']] },
      { name: 'target_width', label: 'Target width (hosted upscalers)', type: 'number', placeholder: 'e.g. 4096' },
      { name: 'prompt', label: 'What the image shows (conservative and creative need it)', placeholder: 'a tabby cat, close-up' },
    ],
    body: (values) => ({ prompt: values.prompt || undefined, target_width: values.target_width ? Number(values.target_width) : undefined,
      options: { scale: Number(values.scale) } }),
  },
  'face-swap': {
    title: 'Face swap', operation: 'face_swap', path: '/api/image-studio/face-swap/process', noun: 'swap', unit: 'face swaps',
    intro: 'Put the face of the second image onto the person in the first.',
    inputs: [{ key: 'image', label: 'the photo', field: 'base_image_base64' }, { key: 'face', label: 'the face', field: 'face_image_base64' }],
    fields: [],
    body: () => ({}),
  },
  translate: {
    title: 'Translate', operation: 'translate', path: '/api/image-studio/translate', noun: 'translation', unit: 'translations',
    intro: 'Translate the text in an image, keeping its layout.',
    inputs: [{ key: 'image', label: 'an image with text', field: 'image_base64' }],
    fields: [
      { name: 'target_language', label: 'Into', type: 'select', options: LANGUAGES },
      { name: 'source_language', label: 'From', type: 'select', options: [['', 'Detect'], ...LANGUAGES] },
    ],
    body: (values) => ({ target_language: values.target_language, source_language: values.source_language || undefined }),
  },
  '3d': {
    title: '3D', operation: 'image_to_3d', path: '/api/image-studio/image-to-3d', noun: '3D model', unit: '3D models',
    intro: 'Make a 3D model (GLB) of the object in an image.',
    inputs: [{ key: 'image', label: 'a photo of an object', field: 'image_base64' }],
    fields: [],
    output: '3d',
    body: () => ({}),
  },
};

#ifndef CVIPS_SHIM_H
#define CVIPS_SHIM_H
#include <stddef.h>
#include <vips/vips.h>

/* Fixed-arity wrappers of libvips' variadic (..., NULL) calls, which Swift cannot import. */

int cv_init(const char *argv0);
const char *cv_error_buffer(void);
void cv_error_clear(void);

/* Loading never copies the buffer: keep it alive while the image is in use.
   fail_on_error != 0 makes truncated or corrupt input an error instead of a warning. */
VipsImage *cv_load_buffer(const void *buf, size_t len, int fail_on_error);
VipsImage *cv_load_buffer_stream(const void *buf, size_t len, int fail_on_error);
/* The same without a copy: the buffer stays valid until libvips calls release(owner) when the image closes. */
VipsImage *cv_load_buffer_stream_owned(const void *buf, size_t len, int fail_on_error, void *owner, void (*release)(void *));
int cv_average(VipsImage *in, double *out);
/* PNG chunk walk: 0 whole, 1 truncated, 2 checksum mismatch, 3 no image data. No pixel is decoded. */
int cv_png_intact(const unsigned char *data, size_t len);
/* Shrink-on-load thumbnail to fit within width × height (aspect kept). */
int cv_thumbnail_buffer(const void *buf, size_t len, VipsImage **out, int width, int height);

int cv_resize(VipsImage *in, VipsImage **out, double hscale, double vscale); /* Lanczos3 */
int cv_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height);
int cv_embed_extend(VipsImage *in, VipsImage **out, int x, int y, int width, int height, int extend);
int cv_embed_background(VipsImage *in, VipsImage **out, int x, int y, int width, int height,
                        const double *bg, int n);
int cv_colourspace_srgb(VipsImage *in, VipsImage **out);
int cv_cast_uchar(VipsImage *in, VipsImage **out);
int cv_flatten(VipsImage *in, VipsImage **out, double r, double g, double b);
int cv_linear(VipsImage *in, VipsImage **out, const double *a, const double *b, int n);
int cv_extract_band(VipsImage *in, VipsImage **out, int band, int n);
int cv_bandjoin2(VipsImage *a, VipsImage *b, VipsImage **out);
int cv_avg(VipsImage *in, double *out);

int cv_save_png(VipsImage *in, void **buf, size_t *len);
int cv_save_jpeg(VipsImage *in, void **buf, size_t *len, int quality);
int cv_save_webp(VipsImage *in, void **buf, size_t *len, int quality, int lossless);

/* Pixels: write an uchar image to a new g_malloc'd buffer / make an image from a copy of one. */
void *cv_write_to_memory(VipsImage *in, size_t *len);
VipsImage *cv_new_from_memory_copy(const void *data, size_t len, int width, int height, int bands);

void cv_unref(VipsImage *image);
void cv_free(void *p);

#endif

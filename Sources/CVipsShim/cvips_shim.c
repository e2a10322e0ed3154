#include "cvips_shim.h"
#include <zlib.h>
#include <string.h>

int cv_init(const char *argv0) {
    /* Decoder warnings (e.g. truncated data) surface as errors through the API; keep stderr quiet. */
    g_setenv("VIPS_WARNING", "0", FALSE);
    return VIPS_INIT(argv0);
}
const char *cv_error_buffer(void) { return vips_error_buffer(); }
void cv_error_clear(void) { vips_error_clear(); }

VipsImage *cv_load_buffer(const void *buf, size_t len, int fail_on_error) {
    return vips_image_new_from_buffer(buf, len, "",
        "fail_on", fail_on_error ? VIPS_FAIL_ON_ERROR : VIPS_FAIL_ON_NONE,
        "access", VIPS_ACCESS_RANDOM, NULL);
}

static void cv_free_source(VipsImage *image, void *buffer) {
    (void)image;
    g_free(buffer);
}

/* Streaming load: the compressed bytes are copied once and owned by the image (freed when the last
 * image of its pipeline closes), pixels are decoded strip by strip as the pipeline is pulled. */
VipsImage *cv_load_buffer_stream(const void *buf, size_t len, int fail_on_error) {
    void *copy = g_malloc(len);
    memcpy(copy, buf, len);
    VipsImage *image = vips_image_new_from_buffer(copy, len, "",
        "fail_on", fail_on_error ? VIPS_FAIL_ON_ERROR : VIPS_FAIL_ON_NONE,
        "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) { g_free(copy); return NULL; }
    g_signal_connect(image, "postclose", G_CALLBACK(cv_free_source), copy);
    return image;
}

typedef struct { void *owner; void (*release)(void *); } cv_owner;

static void cv_release_owner(VipsImage *image, void *data) {
    cv_owner *o = data;
    o->release(o->owner);
    g_free(o);
}

VipsImage *cv_load_buffer_stream_owned(const void *buf, size_t len, int fail_on_error, void *owner, void (*release)(void *)) {
    VipsImage *image = vips_image_new_from_buffer(buf, len, "",
        "fail_on", fail_on_error ? VIPS_FAIL_ON_ERROR : VIPS_FAIL_ON_NONE,
        "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return NULL;
    cv_owner *o = g_new(cv_owner, 1);
    o->owner = owner;
    o->release = release;
    g_signal_connect(image, "postclose", G_CALLBACK(cv_release_owner), o);
    return image;
}

/* Pulls every pixel through the pipeline (decoding all of it) without keeping them. */
int cv_average(VipsImage *in, double *out) {
    return vips_avg(in, out, NULL);
}

int cv_thumbnail_buffer(const void *buf, size_t len, VipsImage **out, int width, int height) {
    return vips_thumbnail_buffer((void *)buf, len, out, width, "height", height,
        "size", VIPS_SIZE_BOTH, NULL);
}

int cv_resize(VipsImage *in, VipsImage **out, double hscale, double vscale) {
    return vips_resize(in, out, hscale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL);
}

int cv_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

int cv_embed_extend(VipsImage *in, VipsImage **out, int x, int y, int width, int height, int extend) {
    return vips_embed(in, out, x, y, width, height, "extend", (VipsExtend)extend, NULL);
}

int cv_embed_background(VipsImage *in, VipsImage **out, int x, int y, int width, int height,
                        const double *bg, int n) {
    VipsArrayDouble *background = vips_array_double_new(bg, n);
    int r = vips_embed(in, out, x, y, width, height,
        "extend", VIPS_EXTEND_BACKGROUND, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return r;
}

int cv_colourspace_srgb(VipsImage *in, VipsImage **out) {
    return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, NULL);
}

int cv_cast_uchar(VipsImage *in, VipsImage **out) { return vips_cast(in, out, VIPS_FORMAT_UCHAR, NULL); }

int cv_flatten(VipsImage *in, VipsImage **out, double r, double g, double b) {
    double bg[3] = { r, g, b };
    VipsArrayDouble *background = vips_array_double_new(bg, 3);
    int rc = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return rc;
}

int cv_linear(VipsImage *in, VipsImage **out, const double *a, const double *b, int n) {
    return vips_linear(in, out, (double *)a, (double *)b, n, "uchar", TRUE, NULL);
}

int cv_extract_band(VipsImage *in, VipsImage **out, int band, int n) {
    return vips_extract_band(in, out, band, "n", n, NULL);
}

int cv_bandjoin2(VipsImage *a, VipsImage *b, VipsImage **out) { return vips_bandjoin2(a, b, out, NULL); }

int cv_avg(VipsImage *in, double *out) { return vips_avg(in, out, NULL); }

int cv_save_png(VipsImage *in, void **buf, size_t *len) {
    /* Level 1: several times faster than the default 6 for files a few percent larger; masks and
     * provider inputs are written on every request. */
    return vips_pngsave_buffer(in, buf, len, "compression", 1, NULL);
}

int cv_save_jpeg(VipsImage *in, void **buf, size_t *len, int quality) {
    return vips_jpegsave_buffer(in, buf, len, "Q", quality, NULL);
}

int cv_save_webp(VipsImage *in, void **buf, size_t *len, int quality, int lossless) {
    return vips_webpsave_buffer(in, buf, len, "Q", quality, "lossless", lossless, NULL);
}

void *cv_write_to_memory(VipsImage *in, size_t *len) { return vips_image_write_to_memory(in, len); }

VipsImage *cv_new_from_memory_copy(const void *data, size_t len, int width, int height, int bands) {
    VipsImage *image = vips_image_new_from_memory_copy(data, len, width, height, bands, VIPS_FORMAT_UCHAR);
    if (image) {
        image->Type = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    }
    return image;
}

void cv_unref(VipsImage *image) { if (image) g_object_unref(image); }
void cv_free(void *p) { g_free(p); }

/* A PNG is whole when every chunk up to IEND is complete and its CRC matches (the CRC covers
   every byte of the compressed pixels), and at least one IDAT is present.
   0 = whole, 1 = truncated or no IEND, 2 = a checksum mismatch, 3 = no image data. */
int cv_png_intact(const unsigned char *p, size_t len) {
    size_t i = 8;
    int has_data = 0;
    while (i + 12 <= len) {
        size_t length = ((size_t)p[i] << 24) | ((size_t)p[i + 1] << 16) | ((size_t)p[i + 2] << 8) | p[i + 3];
        if (length > 0x7FFFFFFF || length > len - i - 12) return 1;
        const unsigned char *type = p + i + 4;
        uLong crc = crc32(0L, type, (uInt)(length + 4));
        const unsigned char *c = type + 4 + length;
        uLong stored = ((uLong)c[0] << 24) | ((uLong)c[1] << 16) | ((uLong)c[2] << 8) | c[3];
        if (crc != stored) return 2;
        if (memcmp(type, "IDAT", 4) == 0) has_data = 1;
        if (memcmp(type, "IEND", 4) == 0) return has_data ? 0 : 3;
        i += length + 12;
    }
    return 1;
}

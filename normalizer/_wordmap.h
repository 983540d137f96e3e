/* normalizer.wordmap.WordMap read in C, as WordMap.get reads it: the key's
   bucket by zlib's CRC-32 of its bytes, then the entry "\0key\1value\1value"
   in that bucket of the blob. Only what the row maker needs: a map of
   numbers, looked up by an ASCII key. */

#ifndef NORMALIZER_WORDMAP_H
#define NORMALIZER_WORDMAP_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    Py_buffer blob;   /* the entries, bucket after bucket */
    Py_buffer starts; /* where each bucket starts: native uint32, one more than the buckets */
    uint32_t mask;    /* the buckets less one (a power of two) */
    int held;         /* both buffers held */
} PackedMap;

/* zlib.crc32 (the reflected polynomial 0xEDB88320), one table for the module. */
static uint32_t crc_table[256];

static inline uint32_t
crc32_of(const char *bytes, Py_ssize_t length)
{
    if (crc_table[1] == 0)
        for (uint32_t n = 0; n < 256; n++) {
            uint32_t c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            crc_table[n] = c;
        }
    uint32_t crc = 0xFFFFFFFFu;
    for (Py_ssize_t k = 0; k < length; k++)
        crc = crc_table[(crc ^ (unsigned char)bytes[k]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

/* Holds the buffers of `map`: 0; 1 (no error) where it is no WordMap of
   numbers; -1 on an error. */
static inline int
packed_open(PackedMap *m, PyObject *map)
{
    memset(m, 0, sizeof(*m));
    PyObject *blob = PyObject_GetAttrString(map, "_blob");
    PyObject *starts = blob ? PyObject_GetAttrString(map, "_starts") : NULL;
    PyObject *numbers = starts ? PyObject_GetAttrString(map, "_numbers") : NULL;
    int usable = numbers != NULL && PyObject_IsTrue(numbers) == 1;
    if (numbers == NULL && PyErr_ExceptionMatches(PyExc_AttributeError))
        PyErr_Clear(); /* a plain dict: compact() keeps one where a word holds a separator */
    int result = PyErr_Occurred() ? -1 : 1;
    if (usable && PyObject_GetBuffer(blob, &m->blob, PyBUF_SIMPLE) == 0) {
        if (PyObject_GetBuffer(starts, &m->starts, PyBUF_SIMPLE) == 0) {
            Py_ssize_t buckets = m->starts.len / 4 - 1;
            if (m->starts.len % 4 == 0 && buckets >= 1 && (buckets & (buckets - 1)) == 0) {
                m->mask = (uint32_t)(buckets - 1);
                m->held = 1;
                result = 0;
            } else {
                PyBuffer_Release(&m->starts);
                PyErr_SetString(PyExc_ValueError, "a WordMap's bucket starts are not a power of two");
                result = -1;
            }
        }
        if (!m->held)
            PyBuffer_Release(&m->blob);
    }
    if (usable && !m->held && result != -1)
        result = -1; /* a buffer could not be had: its error is set */
    Py_XDECREF(blob);
    Py_XDECREF(starts);
    Py_XDECREF(numbers);
    return result;
}

static inline void
packed_close(PackedMap *m)
{
    if (m->held) {
        PyBuffer_Release(&m->blob);
        PyBuffer_Release(&m->starts);
        m->held = 0;
    }
}

/* The values' text of `key` ("12\x0134\x01..."), its length in *length; NULL if absent. */
static inline const char *
packed_find(const PackedMap *m, const char *key, Py_ssize_t key_length, Py_ssize_t *length)
{
    uint32_t bucket = crc32_of(key, key_length) & m->mask, from, to;
    memcpy(&from, (const char *)m->starts.buf + 4 * (size_t)bucket, 4);
    memcpy(&to, (const char *)m->starts.buf + 4 * ((size_t)bucket + 1), 4);
    const char *entries = m->blob.buf;
    if (to > m->blob.len || from > to)
        return NULL;
    /* "\0" starts every entry and stands nowhere else: the key is found where an entry starts with it */
    for (uint32_t at = from; at < to; at++) {
        if (entries[at] != '\0' || (Py_ssize_t)(to - at) < key_length + 2)
            continue;
        if (memcmp(entries + at + 1, key, (size_t)key_length) == 0 && entries[at + 1 + key_length] == '\1') {
            const char *values = entries + at + 2 + key_length;
            const char *stop = memchr(values, '\0', (size_t)(entries + to - values));
            *length = (stop ? stop : entries + to) - values;
            return values;
        }
    }
    return NULL;
}

#endif

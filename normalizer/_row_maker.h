/* ScriptModel.row in C: a new row of normalizer.round_trip_model's joint
   trigram made as the Python method makes it, with the same side effects,
   so that the compiled loops need not call back into Python for each of
   the hundred thousand histories a batch meets:

   - at the memo's bound (round_trip_model.LOGPROB_MEMO) model._rows and
     model._last_rows are cleared and model.memoized starts again;
   - the context "before,last" is read from the packed counts (_wordmap.h);
     a history seen in training gets a _Row smoothed by its last piece's
     context then its own; one never seen shares its last piece's row
     (model._last_rows); a last piece's context is kept in model._after;
   - the row is stored in model._rows and counted in model.memoized.

   Only for a ScriptModel itself, its own row method, and counts that are
   a WordMap of numbers; anything else (a subclass, a test's stand-in rows)
   is asked model.row. */

#ifndef NORMALIZER_ROW_MAKER_H
#define NORMALIZER_ROW_MAKER_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>

#include "_wordmap.h"

typedef enum { MAKER_UNOPENED = 0, MAKER_READY, MAKER_IN_PYTHON } MakerState;

typedef struct {
    MakerState state;
    PyObject *model;     /* borrowed */
    PyObject *rows;      /* borrowed: model._rows */
    PyObject *last_rows; /* model._last_rows */
    PyObject *after;     /* model._after */
    PyObject *row_type;  /* round_trip_model._Row */
    Py_ssize_t bound;    /* round_trip_model.LOGPROB_MEMO */
    PackedMap counts;    /* model.counts */
} Maker;

static inline void
maker_close(Maker *m)
{
    packed_close(&m->counts);
    Py_CLEAR(m->last_rows);
    Py_CLEAR(m->after);
    Py_CLEAR(m->row_type);
}

/* Ready to make rows (MAKER_READY), or MAKER_IN_PYTHON where the model is
   not one this maker knows (`row`: model.row); -1 on an error. */
static inline int
maker_open(Maker *m, PyObject *model, PyObject *rows, PyObject *row)
{
    *m = (Maker){MAKER_IN_PYTHON, model, rows, NULL, NULL, NULL, 0, {{0}}};
    PyObject *module = PyImport_ImportModule("normalizer.round_trip_model");
    if (module == NULL)
        return -1;
    PyObject *script_model = PyObject_GetAttrString(module, "ScriptModel");
    PyObject *bound = script_model ? PyObject_GetAttrString(module, "LOGPROB_MEMO") : NULL;
    m->row_type = bound ? PyObject_GetAttrString(module, "_Row") : NULL;
    Py_DECREF(module);
    PyObject *own_row = m->row_type ? PyObject_GetAttrString(script_model, "row") : NULL;
    int failed = own_row == NULL;
    int knows = !failed && (PyObject *)Py_TYPE(model) == script_model && PyMethod_Check(row)
                && PyMethod_GET_FUNCTION(row) == own_row;
    Py_XDECREF(own_row);
    if (knows) {
        m->bound = PyLong_AsSsize_t(bound);
        m->last_rows = m->bound == -1 && PyErr_Occurred() ? NULL : PyObject_GetAttrString(model, "_last_rows");
        m->after = m->last_rows ? PyObject_GetAttrString(model, "_after") : NULL;
        PyObject *counts = m->after ? PyObject_GetAttrString(model, "counts") : NULL;
        failed = counts == NULL;
        if (!failed && (!PyDict_Check(m->last_rows) || !PyDict_Check(m->after))) {
            PyErr_SetString(PyExc_TypeError, "model: _last_rows and _after dicts expected");
            failed = 1;
        }
        int opened = failed ? -1 : packed_open(&m->counts, counts);
        Py_XDECREF(counts);
        failed = opened < 0;
        if (opened == 0)
            m->state = MAKER_READY;
    }
    Py_XDECREF(script_model);
    Py_XDECREF(bound);
    if (failed || m->state != MAKER_READY)
        maker_close(m);
    return failed ? -1 : 0;
}

/* ScriptModel._context(key): (seen counts by piece, count + types, types),
   or None where the context was never seen. A new reference. */
static inline PyObject *
maker_context(Maker *m, const char *key, Py_ssize_t key_length)
{
    Py_ssize_t length = 0;
    const char *text = packed_find(&m->counts, key, key_length, &length);
    if (text == NULL)
        Py_RETURN_NONE;
    PyObject *seen = PyDict_New();
    if (seen == NULL)
        return NULL;
    /* "piece\1count\1piece\1count...": _counts pairs them, a lone last number left out */
    long long pair[2] = {0, 0};
    int taken = 0;
    for (Py_ssize_t at = 0; at <= length; at++) {
        Py_ssize_t start = at;
        long long number = 0;
        while (at < length && text[at] >= '0' && text[at] <= '9' && number < (1LL << 50))
            number = number * 10 + (text[at++] - '0');
        if (at == start || (at < length && text[at] != '\1')) {
            Py_DECREF(seen);
            PyErr_SetString(PyExc_ValueError, "a context's counts are not numbers");
            return NULL;
        }
        pair[taken++] = number;
        if (taken == 2) {
            taken = 0;
            PyObject *piece = PyLong_FromLongLong(pair[0]), *count = piece ? PyLong_FromLongLong(pair[1]) : NULL;
            int failed = count == NULL || PyDict_SetItem(seen, piece, count) < 0;
            Py_XDECREF(piece);
            Py_XDECREF(count);
            if (failed) {
                Py_DECREF(seen);
                return NULL;
            }
        }
    }
    Py_ssize_t types = PyDict_GET_SIZE(seen);
    if (types == 0) {
        Py_DECREF(seen);
        Py_RETURN_NONE;
    }
    long long total = 0; /* sum(seen.values()): a piece given twice counts once, as the dict keeps it */
    Py_ssize_t position = 0;
    PyObject *piece, *count;
    while (PyDict_Next(seen, &position, &piece, &count))
        total += PyLong_AsLongLong(count);
    PyObject *context = Py_BuildValue("(NLn)", seen, total + types, types);
    return context;
}

/* ScriptModel._after_one(last): a last piece's context, kept in model._after. A new reference. */
static inline PyObject *
maker_after_one(Maker *m, long last)
{
    PyObject *key = PyLong_FromLong(last);
    if (key == NULL)
        return NULL;
    PyObject *found = PyDict_GetItemWithError(m->after, key);
    if (found != NULL) {
        Py_INCREF(found);
    } else if (!PyErr_Occurred()) {
        char text[32];
        int length = snprintf(text, sizeof text, "%ld", last);
        found = maker_context(m, text, length);
        if (found != NULL && PyDict_SetItem(m->after, key, found) < 0)
            Py_CLEAR(found);
    }
    Py_DECREF(key);
    return found;
}

/* A _Row of the contexts given that were seen (None is one that was not). A new reference. */
static inline PyObject *
maker_new_row(Maker *m, PyObject *first, PyObject *second)
{
    PyObject *seen[2];
    Py_ssize_t count = 0;
    if (first != NULL && first != Py_None)
        seen[count++] = first;
    if (second != NULL && second != Py_None)
        seen[count++] = second;
    PyObject *smoothing = PyTuple_New(count);
    if (smoothing == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_INCREF(seen[k]);
        PyTuple_SET_ITEM(smoothing, k, seen[k]);
    }
    PyObject *row = PyObject_CallFunctionObjArgs(m->row_type, m->model, smoothing, NULL);
    Py_DECREF(smoothing);
    return row;
}

/* model.memoized, cleared with the rows at the bound; -1 on an error. */
static inline Py_ssize_t
maker_memoized(Maker *m)
{
    PyObject *now = PyObject_GetAttrString(m->model, "memoized");
    Py_ssize_t memoized = now ? PyLong_AsSsize_t(now) : -1;
    Py_XDECREF(now);
    if (memoized == -1 && PyErr_Occurred())
        return -1;
    if (memoized >= m->bound) { /* a long batch meets millions of histories: bound the memo */
        PyDict_Clear(m->rows);
        PyDict_Clear(m->last_rows);
        memoized = 0;
    }
    return memoized;
}

/* ScriptModel.row(before, last) for a history model._rows does not hold. A new reference. */
static inline PyObject *
maker_row(Maker *m, long before, long last)
{
    Py_ssize_t memoized = maker_memoized(m);
    if (memoized < 0)
        return NULL;
    char text[64];
    int length = snprintf(text, sizeof text, "%ld,%ld", before, last);
    PyObject *after_two = maker_context(m, text, length), *found = NULL;
    if (after_two == NULL)
        return NULL;
    if (after_two != Py_None) {
        PyObject *after_one = maker_after_one(m, last);
        found = after_one ? maker_new_row(m, after_one, after_two) : NULL;
        Py_XDECREF(after_one);
    } else {
        PyObject *key = PyLong_FromLong(last);
        found = key ? PyDict_GetItemWithError(m->last_rows, key) : NULL;
        if (found != NULL) {
            Py_INCREF(found);
        } else if (key != NULL && !PyErr_Occurred()) {
            PyObject *after_one = maker_after_one(m, last);
            found = after_one ? maker_new_row(m, after_one, NULL) : NULL;
            Py_XDECREF(after_one);
            if (found != NULL && PyDict_SetItem(m->last_rows, key, found) < 0)
                Py_CLEAR(found);
        }
        Py_XDECREF(key);
    }
    Py_DECREF(after_two);
    if (found == NULL)
        return NULL;
    PyObject *history = Py_BuildValue("(ll)", before, last);
    PyObject *count = history ? PyLong_FromSsize_t(memoized + 1) : NULL;
    if (count == NULL || PyDict_SetItem(m->rows, history, found) < 0
        || PyObject_SetAttrString(m->model, "memoized", count) < 0)
        Py_CLEAR(found);
    Py_XDECREF(history);
    Py_XDECREF(count);
    return found;
}

#endif

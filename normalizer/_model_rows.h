/* The rows of normalizer.round_trip_model's joint trigram, as the compiled
   loops (_joint.c, _search.c) read them, with the Python loops' results
   and side effects:

   - a row the model already holds is read from model._rows (what
     ScriptModel.row returns for it); a new one is made here as
     ScriptModel.row makes it (the memo cleared at its bound, the context's
     counts read from the packed WordMap, a _Row of them stored in _rows,
     _last_rows and _after as there): _row_maker.h. A model whose counts are
     no WordMap is asked model.row;
   - a log-probability a row holds is read from it; a missing one is worked
     out here as _Row.__missing__ and _Row.values work it out (Witten-Bell,
     the same operations in the same order), stored in the row and counted
     in model.memoized, which is brought up to date before model.row is
     asked again (it reads it) and when the loop ends.

   A row that is no _Row (a test's plain mapping) is read by subscription. */

#ifndef NORMALIZER_MODEL_ROWS_H
#define NORMALIZER_MODEL_ROWS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#include "_loops.h"
#include "_row_maker.h"

typedef struct {
    PyObject *model;    /* borrowed: the ScriptModel */
    PyObject *row;      /* model.row */
    PyObject *rows;     /* model._rows */
    PyObject *unigram;  /* model.unigram_p, a list of floats */
    Py_ssize_t pending; /* log-probabilities worked out here, not yet counted in model.memoized */
    Maker maker;        /* what makes a new row here, opened at the first one */
} Rows;

static inline int
rows_open(Rows *r, PyObject *model)
{
    *r = (Rows){model, NULL, NULL, NULL, 0, {0}};
    r->row = PyObject_GetAttrString(model, "row");
    r->rows = r->row ? PyObject_GetAttrString(model, "_rows") : NULL;
    r->unigram = r->rows ? PyObject_GetAttrString(model, "unigram_p") : NULL;
    if (r->unigram == NULL)
        return -1;
    if (!PyDict_Check(r->rows) || !PyList_Check(r->unigram)) {
        PyErr_SetString(PyExc_TypeError, "model: _rows a dict and unigram_p a list expected");
        return -1;
    }
    return 0;
}

/* model.memoized += what was worked out here since the last time. */
static inline int
rows_flush(Rows *r)
{
    if (r->pending == 0)
        return 0;
    PyObject *now = PyObject_GetAttrString(r->model, "memoized");
    if (now == NULL)
        return -1;
    PyObject *more = PyLong_FromSsize_t(r->pending), *sum = more ? PyNumber_Add(now, more) : NULL;
    Py_DECREF(now);
    Py_XDECREF(more);
    int failed = sum == NULL || PyObject_SetAttrString(r->model, "memoized", sum) < 0;
    Py_XDECREF(sum);
    r->pending = 0;
    return failed ? -1 : 0;
}

/* Counts what was worked out, and lets go; -1 if the count could not be kept
   (an error already set is kept). */
static inline int
rows_close(Rows *r)
{
    int failed = 0;
    if (PyErr_Occurred()) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        rows_flush(r);
        PyErr_Restore(type, value, traceback);
        failed = -1;
    } else {
        failed = rows_flush(r);
    }
    maker_close(&r->maker);
    Py_XDECREF(r->row);
    Py_XDECREF(r->rows);
    Py_XDECREF(r->unigram);
    return failed;
}

/* model.row(before, last), a new reference. */
static inline PyObject *
rows_get(Rows *r, long before, long last)
{
    PyObject *key = Py_BuildValue("(ll)", before, last);
    if (key == NULL)
        return NULL;
    PyObject *found = PyDict_GetItemWithError(r->rows, key);
    Py_DECREF(key);
    if (found != NULL) {
        Py_INCREF(found);
        return found;
    }
    if (PyErr_Occurred() || rows_flush(r) < 0)
        return NULL;
    if (r->maker.state == MAKER_UNOPENED && maker_open(&r->maker, r->model, r->rows, r->row) < 0)
        return NULL;
    if (r->maker.state == MAKER_READY)
        return maker_row(&r->maker, before, last);
    return PyObject_CallFunction(r->row, "ll", before, last);
}

/* The row's smoothing (a new reference), or NULL with no error for a row that has none. */
static inline PyObject *
smoothing_of(PyObject *row)
{
    PyObject *smoothing = PyDict_Check(row) ? PyObject_GetAttrString(row, "smoothing") : NULL;
    if (smoothing == NULL && PyErr_ExceptionMatches(PyExc_AttributeError))
        PyErr_Clear();
    if (smoothing != NULL && !PyTuple_Check(smoothing)) {
        Py_DECREF(smoothing);
        PyErr_SetString(PyExc_TypeError, "a row's smoothing must be a tuple");
        return NULL;
    }
    return smoothing;
}

/* _Row.__missing__: log P(piece) by Witten-Bell, unigram first, then each
   context of the smoothing (seen counts, divisor, types); stored in the row. */
static inline int
witten_bell(Rows *r, PyObject *row, PyObject *smoothing, PyObject *piece, double *out)
{
    Py_ssize_t id = PyLong_AsSsize_t(piece);
    if (id == -1 && PyErr_Occurred())
        return -1;
    if (id < 0 || id >= PyList_GET_SIZE(r->unigram)) {
        PyErr_SetString(PyExc_IndexError, "a piece past unigram_p");
        return -1;
    }
    double p;
    if (as_double(PyList_GET_ITEM(r->unigram, id), &p) < 0)
        return -1;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(smoothing); k++) {
        PyObject *seen, *divisor, *types;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(smoothing, k), "O!O!O!", &PyDict_Type, &seen, &PyLong_Type, &divisor,
                              &PyLong_Type, &types))
            return -1;
        PyObject *count = PyDict_GetItemWithError(seen, piece);
        if (count == NULL && PyErr_Occurred())
            return -1;
        /* (seen.get(piece, 0) + types * p) / divisor: ints made doubles, as Python's mixed arithmetic does */
        double c = count ? PyLong_AsDouble(count) : 0.0, t = PyLong_AsDouble(types), d = PyLong_AsDouble(divisor);
        if (PyErr_Occurred())
            return -1;
        p = (c + t * p) / d;
    }
    if (!(p > 0.0)) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return -1;
    }
    *out = log(p);
    PyObject *value = PyFloat_FromDouble(*out);
    int failed = value == NULL || PyDict_SetItem(row, piece, value) < 0;
    Py_XDECREF(value);
    if (failed)
        return -1;
    r->pending++;
    return 0;
}

/* row[piece]. */
static inline int
rows_logprob(Rows *r, PyObject *row, PyObject *piece, double *out)
{
    PyObject *value = PyDict_Check(row) ? PyDict_GetItemWithError(row, piece) : NULL;
    if (value != NULL)
        return as_double(value, out);
    if (PyErr_Occurred())
        return -1;
    PyObject *smoothing = smoothing_of(row);
    if (smoothing != NULL) {
        int failed = witten_bell(r, row, smoothing, piece, out);
        Py_DECREF(smoothing);
        return failed;
    }
    if (PyErr_Occurred())
        return -1;
    value = PyObject_GetItem(row, piece); /* no _Row: its own rules */
    if (value == NULL)
        return -1;
    int failed = as_double(value, out);
    Py_DECREF(value);
    return failed;
}

/* _Row.values(pieces): each piece the row holds read, those it lacks (as it
   stood before any of them was worked out) worked out in order. `pieces`: a
   list or a tuple of piece ids. */
static inline int
rows_values(Rows *r, PyObject *row, PyObject *pieces, double *out)
{
    Py_ssize_t count = PySequence_Fast_GET_SIZE(pieces);
    PyObject **items = PySequence_Fast_ITEMS(pieces);
    char *missing = NULL;
    Py_ssize_t lacking = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *value = PyDict_Check(row) ? PyDict_GetItemWithError(row, items[k]) : NULL;
        if (value != NULL) {
            if (as_double(value, &out[k]) < 0) {
                PyMem_Free(missing);
                return -1;
            }
        } else if (PyErr_Occurred()) {
            PyMem_Free(missing);
            return -1;
        } else {
            if (missing == NULL && (missing = PyMem_Calloc(count, 1)) == NULL) {
                PyErr_NoMemory();
                return -1;
            }
            missing[k] = 1;
            lacking++;
        }
    }
    int failed = 0;
    if (lacking) {
        PyObject *smoothing = smoothing_of(row);
        if (smoothing == NULL) {
            PyMem_Free(missing);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "a row without smoothing lacks pieces");
            return -1;
        }
        for (Py_ssize_t k = 0; k < count && !failed; k++)
            if (missing[k])
                failed = witten_bell(r, row, smoothing, items[k], &out[k]) < 0;
        Py_DECREF(smoothing);
    }
    PyMem_Free(missing);
    return failed ? -1 : 0;
}

#endif

/* The rows of normalizer.round_trip_model's joint trigram, as the compiled
   loops (_joint.c, _search.c) read them: what a ScriptModel already holds is
   read from its dicts, with no Python call; what it does not is asked of
   its Python methods, which make it (and count it against the memo's bound)
   exactly as the Python loops ask. */

#ifndef NORMALIZER_MODEL_ROWS_H
#define NORMALIZER_MODEL_ROWS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* model.row(before, last), a new reference: model._rows[(before, last)]
   where it is there (row() returns just that), else row() itself. */
static PyObject *
model_row(PyObject *rows, PyObject *row, long before, long last)
{
    PyObject *key = Py_BuildValue("(ll)", before, last);
    if (key == NULL)
        return NULL;
    PyObject *found = PyDict_GetItemWithError(rows, key);
    Py_DECREF(key);
    if (found != NULL) {
        Py_INCREF(found);
        return found;
    }
    if (PyErr_Occurred())
        return NULL;
    return PyObject_CallFunction(row, "ll", before, last);
}

/* row.values(pieces) into `out`: read from the row (a dict) where it holds
   every piece (values() returns just those), else values() itself, which
   works out the missing ones. `pieces`: a list or a tuple of piece ids. */
static int
row_values(PyObject *row, PyObject *pieces, double *out)
{
    Py_ssize_t count = PySequence_Fast_GET_SIZE(pieces);
    PyObject **items = PySequence_Fast_ITEMS(pieces);
    int all_there = PyDict_Check(row);
    for (Py_ssize_t k = 0; k < count && all_there; k++) {
        PyObject *value = PyDict_GetItemWithError(row, items[k]);
        if (value == NULL) {
            if (PyErr_Occurred())
                return -1;
            all_there = 0;
        } else if ((out[k] = PyFloat_AsDouble(value)) == -1.0 && PyErr_Occurred()) {
            return -1;
        }
    }
    if (all_there)
        return 0;
    static PyObject *name = NULL; /* "values", made once */
    if (name == NULL && (name = PyUnicode_InternFromString("values")) == NULL)
        return -1;
    PyObject *found = PyObject_CallMethodOneArg(row, name, pieces); /* one argument: the sequence */
    if (found == NULL)
        return -1;
    if (!PyList_Check(found) || PyList_GET_SIZE(found) != count) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_ValueError, "values: a list of one log-probability a piece expected");
        return -1;
    }
    for (Py_ssize_t k = 0; k < count; k++)
        if ((out[k] = PyFloat_AsDouble(PyList_GET_ITEM(found, k))) == -1.0 && PyErr_Occurred()) {
            Py_DECREF(found);
            return -1;
        }
    Py_DECREF(found);
    return 0;
}

#endif

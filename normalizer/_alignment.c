/* The cells of normalizer.alignment.align, in C.

   align() is asked about tens of thousands of pairs a batch (each unknown
   word against each candidate name, under seven tables), nearly all of them
   new. Its cell loop, a few comparisons per cell, costs ~0.3 us a cell as
   bytecode; here it is the same arithmetic, operation for operation and in
   the same order, so the total is the same double
   (tests/test_alignment_compiled.py compares the two on generated tables
   and on real pairs). normalizer/alignment.py keeps the Python loop, for a
   machine where this module was not built and to trace a route.

   fill(source, target, groups, letter_costs, max_source, first, ins, in_row, at) -> float
     source        the English spelling, n letters
     target        the garbled spelling, m letters
     groups        dict English group -> {garbled piece: cost}: the group steps
     letter_costs  mapping letter -> (deletion cost, 1x1 costs by garbled
                   letter), both may fill themselves in (__missing__)
     max_source    the longest English group
     first         list of m + 1 floats: row 0
     ins           list of m + 1 floats: the cost of inserting each letter (ins[0] = 0)
     in_row        dict column -> list of (from column, cost): multi-letter insertions
     at            dict garbled piece -> list of the columns where it starts
   Returns the cost of the last cell (inf where no route reaches it). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#include "_loops.h"

typedef struct {
    Py_ssize_t row, end, from_row, start;
    double cost;
} Step;

typedef struct {
    Step *items;
    Py_ssize_t count, room;
} Steps;

static int
floats_of(PyObject *list, Py_ssize_t size, double *out, const char *what)
{
    if (!PyList_Check(list) || PyList_GET_SIZE(list) != size) {
        PyErr_Format(PyExc_ValueError, "%s: a list of %zd floats expected", what, size);
        return -1;
    }
    for (Py_ssize_t j = 0; j < size; j++)
        if (as_double(PyList_GET_ITEM(list, j), &out[j]) < 0)
            return -1;
    return 0;
}

static int
add_step(Steps *steps, Step step)
{
    Step *items = with_room(steps->items, &steps->room, steps->count + 1, sizeof(Step));
    if (items == NULL)
        return -1;
    steps->items = items;
    steps->items[steps->count++] = step;
    return 0;
}

/* The steps of English group source[i:i+a] (its `options`): each garbled
   piece the target holds (options.keys() & at.keys(), the smaller dict
   walked), at each column where it starts. */
static int
group_steps(PyObject *options, PyObject *at, Py_ssize_t i, Py_ssize_t a, Py_ssize_t m, Steps *steps)
{
    int walk_options = PyDict_GET_SIZE(options) <= PyDict_GET_SIZE(at);
    PyObject *walked = walk_options ? options : at, *asked = walk_options ? at : options;
    PyObject *piece, *value;
    Py_ssize_t position = 0;
    while (PyDict_Next(walked, &position, &piece, &value)) {
        PyObject *other = PyDict_GetItemWithError(asked, piece);
        if (other == NULL) {
            if (PyErr_Occurred())
                return -1;
            continue;
        }
        PyObject *starts = walk_options ? other : value;
        double cost;
        if (as_double(walk_options ? value : other, &cost) < 0)
            return -1;
        if (!PyUnicode_Check(piece) || !PyList_Check(starts)) {
            PyErr_SetString(PyExc_TypeError, "groups, at: str pieces and lists of columns expected");
            return -1;
        }
        Py_ssize_t b = PyUnicode_GET_LENGTH(piece);
        for (Py_ssize_t s = 0; s < PyList_GET_SIZE(starts); s++) {
            Py_ssize_t j = PyLong_AsSsize_t(PyList_GET_ITEM(starts, s));
            if (j == -1 && PyErr_Occurred())
                return -1;
            if (j < 0 || j + b > m) {
                PyErr_SetString(PyExc_ValueError, "at: a piece outside the garbled word");
                return -1;
            }
            if (add_step(steps, (Step){i + a, j + b, i, j, cost}) < 0)
                return -1;
        }
    }
    return 0;
}

/* Every group step of the pair: each group of up to max_source letters of
   the source that `groups` knows. */
static int
all_group_steps(PyObject *source, PyObject *groups, Py_ssize_t max_source, PyObject *at, Py_ssize_t m, Steps *steps)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(source);
    for (Py_ssize_t a = 1; a <= max_source; a++) {
        for (Py_ssize_t i = 0; i + a <= n; i++) {
            PyObject *group = PyUnicode_Substring(source, i, i + a);
            if (group == NULL)
                return -1;
            PyObject *options = PyDict_GetItemWithError(groups, group);
            Py_DECREF(group);
            if (options == NULL) {
                if (PyErr_Occurred())
                    return -1;
                continue;
            }
            if (!PyDict_Check(options)) {
                PyErr_SetString(PyExc_TypeError, "groups: dicts of costs expected");
                return -1;
            }
            if (group_steps(options, at, i, a, m, steps) < 0)
                return -1;
        }
    }
    return 0;
}

/* Row i's cheapest step into each cell (normalizer.alignment._fill's cell
   rule): an insertion, a deletion, a 1x1 step, a group step arriving, a
   multi-letter insertion, in that order; of equals the first kept. */
static int
fill_row(double *rows, Py_ssize_t i, Py_ssize_t width, double delete, PyObject *sub, PyObject **chars,
         const double *ins, double *arriving, const Steps *steps, PyObject *in_row)
{
    double *above = rows + (i - 1) * width, *row = rows + i * width;
    for (Py_ssize_t j = 0; j < width; j++)
        arriving[j] = INFINITY;
    for (Py_ssize_t k = 0; k < steps->count; k++) {
        const Step *step = &steps->items[k];
        if (step->row == i && rows[step->from_row * width + step->start] + step->cost < arriving[step->end])
            arriving[step->end] = rows[step->from_row * width + step->start] + step->cost;
    }
    int insertions = PyDict_GET_SIZE(in_row) > 0;
    double here = INFINITY;
    for (Py_ssize_t j = 0; j < width; j++) {
        double z = INFINITY;
        if (j > 0) {
            PyObject *cost = PyObject_GetItem(sub, chars[j - 1]);
            if (cost == NULL)
                return -1;
            double step;
            int failed = as_double(cost, &step);
            Py_DECREF(cost);
            if (failed)
                return -1;
            z = above[j - 1] + step;
        }
        here += ins[j];
        double x = above[j] + delete;
        if (x < here)
            here = x;
        if (z < here)
            here = z;
        if (arriving[j] < here)
            here = arriving[j];
        if (insertions) {
            PyObject *column = PyLong_FromSsize_t(j);
            if (column == NULL)
                return -1;
            PyObject *from = PyDict_GetItemWithError(in_row, column);
            Py_DECREF(column);
            if (from == NULL && PyErr_Occurred())
                return -1;
            if (from != NULL) {
                if (!PyList_Check(from)) {
                    PyErr_SetString(PyExc_TypeError, "in_row: lists of (column, cost) expected");
                    return -1;
                }
                for (Py_ssize_t k = 0; k < PyList_GET_SIZE(from); k++) {
                    Py_ssize_t start;
                    double cost;
                    if (!PyArg_ParseTuple(PyList_GET_ITEM(from, k), "nd", &start, &cost))
                        return -1;
                    if (start < 0 || start >= j) {
                        PyErr_SetString(PyExc_ValueError, "in_row: an insertion from outside the row");
                        return -1;
                    }
                    if (row[start] + cost < here)
                        here = row[start] + cost;
                }
            }
        }
        row[j] = here;
    }
    return 0;
}

static PyObject *
fill(PyObject *module, PyObject *args)
{
    PyObject *source, *target, *groups, *letter_costs, *first, *ins_list, *in_row, *at;
    Py_ssize_t max_source;
    if (!PyArg_ParseTuple(args, "UUO!OnO!O!O!O!:fill", &source, &target, &PyDict_Type, &groups, &letter_costs,
                          &max_source, &PyList_Type, &first, &PyList_Type, &ins_list, &PyDict_Type, &in_row,
                          &PyDict_Type, &at))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(source), m = PyUnicode_GET_LENGTH(target), width = m + 1;
    /* rows, then ins and the arriving group steps of one row */
    double *rows = PyMem_Malloc(sizeof(double) * ((size_t)(n + 1) * width + 2 * width));
    PyObject **chars = PyMem_Calloc(m ? m : 1, sizeof(PyObject *));
    Steps steps = {NULL, 0, 0};
    PyObject *result = NULL;
    if (rows == NULL || chars == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    double *ins = rows + (n + 1) * width, *arriving = ins + width;
    for (Py_ssize_t j = 0; j < m; j++)
        if ((chars[j] = PyUnicode_Substring(target, j, j + 1)) == NULL)
            goto done;
    if (floats_of(first, width, rows, "first") < 0 || floats_of(ins_list, width, ins, "ins") < 0)
        goto done;
    if (all_group_steps(source, groups, max_source, at, m, &steps) < 0)
        goto done;
    for (Py_ssize_t i = 1; i <= n; i++) {
        PyObject *letter = PyUnicode_Substring(source, i - 1, i);
        if (letter == NULL)
            goto done;
        PyObject *costs = PyObject_GetItem(letter_costs, letter);
        Py_DECREF(letter);
        if (costs == NULL)
            goto done;
        double delete = -1.0;
        int ok = PyTuple_Check(costs) && PyTuple_GET_SIZE(costs) == 2;
        if (ok) {
            ok = as_double(PyTuple_GET_ITEM(costs, 0), &delete) == 0;
        } else {
            PyErr_SetString(PyExc_TypeError, "letter_costs: (deletion cost, costs) pairs expected");
        }
        /* the tuple holds the costs mapping for as long as this row needs it */
        ok = ok && fill_row(rows, i, width, delete, PyTuple_GET_ITEM(costs, 1), chars, ins, arriving, &steps, in_row) == 0;
        Py_DECREF(costs);
        if (!ok)
            goto done;
    }
    result = PyFloat_FromDouble(rows[n * width + m]);
done:
    if (chars != NULL)
        for (Py_ssize_t j = 0; j < m; j++)
            Py_XDECREF(chars[j]);
    PyMem_Free(chars);
    PyMem_Free(rows);
    PyMem_Free(steps.items);
    return result;
}

static PyMethodDef methods[] = {
    {"fill", fill, METH_VARARGS, "The cells of normalizer.alignment.align: the cost of the last one."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_alignment", "The cell loop of normalizer.alignment.align, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__alignment(void)
{
    return PyModule_Create(&definition);
}

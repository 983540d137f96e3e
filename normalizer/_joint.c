/* The dynamic program of normalizer.round_trip_model.ScriptModel.joint, in C.

   joint() weighs a printed word against a candidate name under a script's
   joint trigram of pieces: thousands of pairs a batch, each a grid of cells
   holding the best scores of their histories. The model (its pieces, its
   lazily smoothed rows of log-probabilities) stays in Python, its rows read
   and filled in as the Python loop would (_model_rows.h); this walks
   the grid with the Python loop's arithmetic and order (histories in the
   order they arrive, the FORCED_BEAM best of a cell taken as best_states
   takes them, ties to the earlier), so the result is the same double
   (tests/test_joint_compiled.py).

   joint(model, english, garbled, end, beam) -> float
     model        the ScriptModel: its by_english (English group -> {garbled
                  group: piece id}), longest_english, longest_garbled, and its
                  rows (_model_rows.h)
     end          the piece id of a word's end
     beam         histories expanded per cell
   Returns max over cuttings of log P(english, garbled), -inf where none. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#include "_loops.h"
#include "_model_rows.h"

typedef struct {
    long before, last;
    double score;
} History;

typedef struct {
    History *items;
    Py_ssize_t count, room;
} Cell;

typedef struct {
    PyObject *piece; /* borrowed from by_english */
    long id;
    Cell *target;
} Move;

/* target[(last, piece)] = score where it beats what the cell holds; a new
   history goes last, an old one keeps its place (a dict's order). */
static int
offer(Cell *cell, long before, long last, double score)
{
    for (Py_ssize_t k = 0; k < cell->count; k++) {
        History *held = &cell->items[k];
        if (held->before == before && held->last == last) {
            if (score > held->score)
                held->score = score;
            return 0;
        }
    }
    if (!(score > -INFINITY))
        return 0;
    History *items = with_room(cell->items, &cell->room, cell->count + 1, sizeof(History));
    if (items == NULL)
        return -1;
    cell->items = items;
    cell->items[cell->count++] = (History){before, last, score};
    return 0;
}

/* best_states(cell, beam): all in order if no more than `beam`, else the
   `beam` best, best first, of equal scores the earlier first. */
static Py_ssize_t
best_histories(const Cell *cell, Py_ssize_t beam, Py_ssize_t *order)
{
    Py_ssize_t count = cell->count;
    for (Py_ssize_t k = 0; k < count; k++)
        order[k] = k;
    if (count <= beam)
        return count;
    for (Py_ssize_t k = 1; k < count; k++) { /* insertion sort: stable */
        Py_ssize_t moving = order[k], at = k;
        while (at > 0 && cell->items[order[at - 1]].score < cell->items[moving].score) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = moving;
    }
    return beam;
}

static PyObject *
joint(PyObject *module, PyObject *args)
{
    PyObject *model, *english, *garbled, *end;
    Py_ssize_t beam;
    if (!PyArg_ParseTuple(args, "OUUOn:joint", &model, &english, &garbled, &end, &beam))
        return NULL;
    Py_ssize_t longest_english = -1, longest_garbled = -1;
    PyObject *by_english = PyObject_GetAttrString(model, "by_english");
    PyObject *lengths[2] = {PyObject_GetAttrString(model, "longest_english"), PyObject_GetAttrString(model, "longest_garbled")};
    if (lengths[0] != NULL)
        longest_english = PyLong_AsSsize_t(lengths[0]);
    if (lengths[1] != NULL)
        longest_garbled = PyLong_AsSsize_t(lengths[1]);
    Py_XDECREF(lengths[0]);
    Py_XDECREF(lengths[1]);
    if (by_english == NULL || PyErr_Occurred()) {
        Py_XDECREF(by_english);
        return NULL;
    }
    Py_DECREF(by_english); /* the model holds it */
    if (!PyDict_Check(by_english) || longest_english < 0 || longest_garbled < 0 || beam < 1) {
        PyErr_SetString(PyExc_ValueError, "joint: a dict by_english, lengths >= 0 and a beam >= 1 expected");
        return NULL;
    }
    Rows model_rows;
    if (rows_open(&model_rows, model) < 0) {
        rows_close(&model_rows);
        return NULL;
    }
    Py_ssize_t rows = PyUnicode_GET_LENGTH(english), columns = PyUnicode_GET_LENGTH(garbled);
    Py_ssize_t width = columns + 1, groups_per_column = longest_garbled + 1, groups_per_row = longest_english + 1;
    Cell *cells = PyMem_Calloc((size_t)(rows + 1) * width, sizeof(Cell));
    /* garbled[j:j + length] for length 0..longest_garbled (NULL past the end) */
    PyObject **garbled_groups = PyMem_Calloc((size_t)width * groups_per_column, sizeof(PyObject *));
    /* the pieces of english[i:i + width] (by_english's dict, NULL if none) */
    PyObject **english_groups = PyMem_Calloc((size_t)(rows + 1) * groups_per_row, sizeof(PyObject *));
    Move *moves = NULL;
    Py_ssize_t *order = NULL, order_room = 0;
    PyObject *result = NULL;
    if (cells == NULL || garbled_groups == NULL || english_groups == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j <= columns; j++)
        for (Py_ssize_t length = 0; length < groups_per_column && j + length <= columns; length++)
            if ((garbled_groups[j * groups_per_column + length] = PyUnicode_Substring(garbled, j, j + length)) == NULL)
                goto done;
    for (Py_ssize_t i = 0; i <= rows; i++)
        for (Py_ssize_t w = 0; w < groups_per_row && i + w <= rows; w++) {
            PyObject *group = PyUnicode_Substring(english, i, i + w);
            if (group == NULL)
                goto done;
            PyObject *options = PyDict_GetItemWithError(by_english, group);
            Py_DECREF(group);
            if (options == NULL && PyErr_Occurred())
                goto done;
            if (options != NULL && !PyDict_Check(options)) {
                PyErr_SetString(PyExc_TypeError, "by_english: dicts of pieces expected");
                goto done;
            }
            english_groups[i * groups_per_row + w] = options;
        }
    moves = PyMem_Malloc(sizeof(Move) * groups_per_row * groups_per_column);
    if (moves == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (offer(&cells[0], -1, -1, 0.0) < 0)
        goto done;
    for (Py_ssize_t i = 0; i <= rows; i++) {
        for (Py_ssize_t j = 0; j <= columns; j++) {
            Cell *cell = &cells[i * width + j];
            if (cell->count == 0)
                continue;
            /* The pieces that fit here, looked up once for every history of the cell. */
            Py_ssize_t count = 0;
            for (Py_ssize_t w = 0; w < groups_per_row && i + w <= rows; w++) {
                PyObject *options = english_groups[i * groups_per_row + w];
                if (options == NULL)
                    continue;
                for (Py_ssize_t length = 0; length < groups_per_column && j + length <= columns; length++) {
                    PyObject *piece = PyDict_GetItemWithError(options, garbled_groups[j * groups_per_column + length]);
                    if (piece == NULL) {
                        if (PyErr_Occurred())
                            goto done;
                        continue;
                    }
                    long id = PyLong_AsLong(piece);
                    if (id == -1 && PyErr_Occurred())
                        goto done;
                    moves[count++] = (Move){piece, id, &cells[(i + w) * width + j + length]};
                }
            }
            if (count == 0)
                continue;
            Py_ssize_t *enough = with_room(order, &order_room, cell->count, sizeof(Py_ssize_t));
            if (enough == NULL)
                goto done;
            order = enough;
            Py_ssize_t taken = best_histories(cell, beam, order);
            for (Py_ssize_t k = 0; k < taken; k++) {
                History history = cell->items[order[k]];
                PyObject *logprobs = rows_get(&model_rows, history.before, history.last);
                if (logprobs == NULL)
                    goto done;
                for (Py_ssize_t m = 0; m < count; m++) {
                    double step;
                    if (rows_logprob(&model_rows, logprobs, moves[m].piece, &step) < 0 || offer(moves[m].target, history.last, moves[m].id, history.score + step) < 0) {
                        Py_DECREF(logprobs);
                        goto done;
                    }
                }
                Py_DECREF(logprobs);
            }
        }
    }
    Cell *final = &cells[rows * width + columns];
    double best = -INFINITY;
    for (Py_ssize_t k = 0; k < final->count; k++) {
        PyObject *logprobs = rows_get(&model_rows, final->items[k].before, final->items[k].last);
        if (logprobs == NULL)
            goto done;
        double step;
        int failed = rows_logprob(&model_rows, logprobs, end, &step) < 0;
        Py_DECREF(logprobs);
        if (failed)
            goto done;
        double total = final->items[k].score + step;
        if (k == 0 || total > best)
            best = total;
    }
    result = PyFloat_FromDouble(best);
done:
    if (cells != NULL)
        for (Py_ssize_t k = 0; k < (rows + 1) * width; k++)
            PyMem_Free(cells[k].items);
    if (garbled_groups != NULL)
        for (Py_ssize_t k = 0; k < width * groups_per_column; k++)
            Py_XDECREF(garbled_groups[k]);
    PyMem_Free(cells);
    PyMem_Free(garbled_groups);
    PyMem_Free(english_groups);
    PyMem_Free(moves);
    PyMem_Free(order);
    if (rows_close(&model_rows) < 0)
        Py_CLEAR(result);
    return result;
}

static PyMethodDef methods[] = {
    {"joint", joint, METH_VARARGS, "ScriptModel.joint's dynamic program: max over cuttings of log P(english, garbled)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_joint", "The dynamic program of normalizer.round_trip_model's joint, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__joint(void)
{
    return PyModule_Create(&definition);
}

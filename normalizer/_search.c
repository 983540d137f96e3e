/* The beam search of normalizer.round_trip_search, in C.

   beam_search() finds the likeliest English spellings of a printed word
   under a script's joint trigram: per position the states (history, English
   so far, letters dropped in a row) with their best scores, BEAM expanded,
   with the branch and bound the Python loop describes. The model stays in
   Python (its rows of log-probabilities, made and filled in where the
   Python loop would make and fill them: _model_rows.h); this keeps the
   states. The arithmetic, the orders (states in the order they arrive, the
   best taken as best_states takes them) and the bounds are the Python
   loop's, so the finished spellings and their scores are the same
   (tests/test_search_compiled.py).

   search(model, moves, floor, beam, max_dropped, end) -> dict
     model        the ScriptModel: its rows (_model_rows.h), drops (last piece
                  -> the pieces that write nothing after it, a memo),
                  drops_after(last) (that list, where the memo has none) and
                  english_of (the English letters of each piece)
     moves        per position of the printed word: (piece ids, the position each
                  reaches, the English each writes), only the pieces laid there
   Returns {English spelling: log P} of the finished spellings at or above floor. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#include "_loops.h"
#include "_model_rows.h"
#include "_search_states.h"

/* ---------------------------------------------------------------- the model */

typedef struct {
    Rows rows;                                /* the model's rows (_model_rows.h) */
    PyObject *drops, *drops_after, *english_of; /* the model's, new references */
    PyObject *end;                            /* borrowed: the end piece */
} Model;

/* The drops after `last` (a new reference), from the memo or drops_after. */
static PyObject *
drops_of(const Model *model, long last)
{
    PyObject *key = PyLong_FromLong(last);
    if (key == NULL)
        return NULL;
    PyObject *found = PyDict_GetItemWithError(model->drops, key);
    if (found != NULL) {
        Py_INCREF(found);
    } else if (!PyErr_Occurred()) {
        found = PyObject_CallOneArg(model->drops_after, key);
    }
    Py_DECREF(key);
    if (found != NULL && !PyList_Check(found)) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "drops: lists of pieces expected");
        return NULL;
    }
    return found;
}

/* english + english_of[piece] (a new reference). */
static PyObject *
written(const Model *model, PyObject *english, long piece)
{
    if (piece < 0 || piece >= PyList_GET_SIZE(model->english_of)) {
        PyErr_SetString(PyExc_IndexError, "a piece past english_of");
        return NULL;
    }
    return PyUnicode_Concat(english, PyList_GET_ITEM(model->english_of, piece));
}

/* ---------------------------------------------------------------- the search */

typedef struct {
    Py_ssize_t size, beam, max_dropped;
    double floor;
    States *beams;
    double *heaps; /* per position, up to `beam` scores: their least is the position's floor */
    Py_ssize_t *heap_sizes;
    double *floors;
    char *left_out;
    double *logprobs; /* one row's log-probabilities of the pieces asked */
    Py_ssize_t logprobs_room;
} Search;

/* log P of each of `pieces` after (before, last), into search->logprobs. */
static int
logprobs_of(Search *search, Model *model, long before, long last, PyObject *pieces)
{
    Py_ssize_t count = PySequence_Fast_GET_SIZE(pieces);
    double *logprobs = with_room(search->logprobs, &search->logprobs_room, count, sizeof(double));
    if (logprobs == NULL)
        return -1;
    search->logprobs = logprobs;
    PyObject *row = rows_get(&model->rows, before, last);
    if (row == NULL)
        return -1;
    int failed = rows_values(&model->rows, row, pieces, search->logprobs);
    Py_DECREF(row);
    return failed;
}

/* The pieces that write nothing, MAX_DROPPED times over, from the best states at i. */
static int
drop_letters(Search *search, Model *model, Py_ssize_t i)
{
    States *beam = &search->beams[i];
    Snapshot frontier = {NULL, 0};
    if (best(beam, search->beam, search->left_out[i], &frontier) < 0)
        return -1;
    int failed = 0;
    for (Py_ssize_t round = 0; round < search->max_dropped && !failed; round++) {
        States grown = {NULL, 0, 0, NULL, 0};
        for (Py_ssize_t k = 0; k < frontier.count && !failed; k++) {
            State state = frontier.items[k];
            PyObject *drops = drops_of(model, state.last);
            if (drops == NULL) {
                failed = 1;
                break;
            }
            if (PyList_GET_SIZE(drops) == 0) {
                Py_DECREF(drops);
                continue;
            }
            if (logprobs_of(search, model, state.before, state.last, drops) < 0) {
                Py_DECREF(drops);
                failed = 1;
                break;
            }
            for (Py_ssize_t d = 0; d < PyList_GET_SIZE(drops); d++) {
                long piece = PyLong_AsLong(PyList_GET_ITEM(drops, d));
                if (piece == -1 && PyErr_Occurred()) {
                    failed = 1;
                    break;
                }
                double score = state.score + search->logprobs[d];
                if (score < search->floor) {
                    search->left_out[i] = 1;
                    continue;
                }
                PyObject *english = written(model, state.english, piece);
                Py_hash_t text_hash = english ? PyObject_Hash(english) : -1;
                if (text_hash == -1) {
                    Py_XDECREF(english);
                    failed = 1;
                    break;
                }
                Py_hash_t hash = state_hash(state.last, piece, state.dropped + 1, text_hash);
                Py_ssize_t at = find(beam, state.last, piece, state.dropped + 1, english, hash);
                int better = at == -1 ? score > -INFINITY : at >= 0 && score > beam->items[at].score;
                if (at == -2) {
                    failed = 1;
                } else if (better) {
                    if (at == -1) {
                        failed = add(beam, state.last, piece, state.dropped + 1, english, hash, score) < 0;
                        at = beam->count - 1;
                    } else {
                        beam->items[at].score = score;
                    }
                    /* dict(grown): a state met again keeps its place, takes the later score.
                       Its English is the position's own object, which outlives `grown`. */
                    PyObject *kept = failed ? NULL : beam->items[at].english;
                    Py_ssize_t again = failed ? -2 : find(&grown, state.last, piece, state.dropped + 1, kept, hash);
                    if (again == -2)
                        failed = 1;
                    else if (again >= 0)
                        grown.items[again].score = score;
                    else
                        failed = add(&grown, state.last, piece, state.dropped + 1, kept, hash, score) < 0;
                }
                Py_DECREF(english);
                if (failed)
                    break;
            }
            Py_DECREF(drops);
        }
        if (!failed)
            failed = best(&grown, search->beam, 0, &frontier) < 0;
        /* the frontier's English is held by the position's dict too: every grown state went there */
        release(&grown);
    }
    PyMem_Free(frontier.items);
    return failed ? -1 : 0;
}

/* A state's score offered at `reach`: kept where new or better; the
   position's BEAM best scores at their arrival set its floor. */
static int
arrive(Search *search, Py_ssize_t reach, long before, long last, PyObject *english, double score)
{
    Py_hash_t text_hash = PyObject_Hash(english);
    if (text_hash == -1)
        return -1;
    Py_hash_t hash = state_hash(before, last, 0, text_hash);
    States *ahead = &search->beams[reach];
    Py_ssize_t at = find(ahead, before, last, 0, english, hash);
    if (at == -2)
        return -1;
    if (at >= 0) {
        if (score > ahead->items[at].score)
            ahead->items[at].score = score;
        return 0;
    }
    if (add(ahead, before, last, 0, english, hash, score) < 0)
        return -1;
    double *heap = search->heaps + reach * search->beam;
    Py_ssize_t *size = &search->heap_sizes[reach];
    if (*size < search->beam) {
        heap[(*size)++] = score;
        if (*size < search->beam)
            return 0;
    } else {
        Py_ssize_t least = 0;
        for (Py_ssize_t k = 1; k < *size; k++)
            if (heap[k] < heap[least])
                least = k;
        if (!(score > heap[least]))
            return 0;
        heap[least] = score; /* heapreplace: the least out, the new one in */
    }
    double least = heap[0];
    for (Py_ssize_t k = 1; k < *size; k++)
        if (heap[k] < least)
            least = heap[k];
    search->floors[reach] = least;
    return 0;
}

/* The best states at i, each with each piece laid at i. */
static int
expand(Search *search, Model *model, Py_ssize_t i, const Snapshot *expanded, PyObject *move)
{
    PyObject *pieces, *reaches, *writes;
    if (!PyArg_ParseTuple(move, "O!O!O!", &PyTuple_Type, &pieces, &PyList_Type, &reaches, &PyList_Type, &writes))
        return -1;
    Py_ssize_t count = PyTuple_GET_SIZE(pieces);
    if (PyList_GET_SIZE(reaches) != count || PyList_GET_SIZE(writes) != count) {
        PyErr_SetString(PyExc_ValueError, "moves: as many reaches and writes as pieces expected");
        return -1;
    }
    /* Each reach once ("sorted(set(reaches))": only their floors and left_out are read). */
    Py_ssize_t *reach_of = PyMem_Malloc(sizeof(Py_ssize_t) * (count ? 2 * count : 1)), *reached = reach_of + count;
    Py_ssize_t distinct = 0;
    if (reach_of == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int failed = 0;
    for (Py_ssize_t k = 0; k < count && !failed; k++) {
        Py_ssize_t reach = PyLong_AsSsize_t(PyList_GET_ITEM(reaches, k));
        if ((reach == -1 && PyErr_Occurred()) || reach <= i || reach > search->size || !PyUnicode_Check(PyList_GET_ITEM(writes, k))) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "moves: a piece must reach a later position and write a str");
            failed = 1;
            break;
        }
        reach_of[k] = reach;
        Py_ssize_t seen = 0;
        while (seen < distinct && reached[seen] != reach)
            seen++;
        if (seen == distinct)
            reached[distinct++] = reach;
    }
    /* bound: no two expanded states share their last piece and English */
    int bound = 1;
    for (Py_ssize_t a = 0; a < expanded->count && bound && !failed; a++)
        for (Py_ssize_t b = a + 1; b < expanded->count && bound; b++) {
            const State *x = &expanded->items[a], *y = &expanded->items[b];
            if (x->last == y->last) {
                int equal = PyUnicode_Compare(x->english, y->english);
                if (equal == -1 && PyErr_Occurred())
                    failed = 1;
                bound = equal != 0;
            }
        }
    for (Py_ssize_t s = 0; s < expanded->count && !failed; s++) {
        State state = expanded->items[s];
        if (distinct) {
            double least = search->floors[reached[0]];
            for (Py_ssize_t r = 1; r < distinct; r++)
                if (search->floors[reached[r]] < least)
                    least = search->floors[reached[r]];
            /* No piece adds to a score: a state under every floor it reaches leaves all its pieces out. */
            if (state.score < search->floor || (bound && state.score < least)) {
                for (Py_ssize_t r = 0; r < distinct; r++)
                    search->left_out[reached[r]] = 1;
                continue;
            }
        }
        if (logprobs_of(search, model, state.before, state.last, pieces) < 0) {
            failed = 1;
            break;
        }
        for (Py_ssize_t k = 0; k < count; k++) {
            long piece = PyLong_AsLong(PyTuple_GET_ITEM(pieces, k));
            if (piece == -1 && PyErr_Occurred()) {
                failed = 1;
                break;
            }
            double score = state.score + search->logprobs[k];
            Py_ssize_t reach = reach_of[k];
            if (score < search->floor || (score < search->floors[reach] && bound)) {
                search->left_out[reach] = 1;
                continue;
            }
            PyObject *english = PyUnicode_Concat(state.english, PyList_GET_ITEM(writes, k));
            if (english == NULL || arrive(search, reach, state.last, piece, english, score) < 0)
                failed = 1;
            Py_XDECREF(english);
            if (failed)
                break;
        }
    }
    PyMem_Free(reach_of);
    return failed ? -1 : 0;
}

/* The finished spellings: each best state at the end, with the end piece. */
static int
finish(Model *model, const Snapshot *expanded, double floor, PyObject *finished)
{
    for (Py_ssize_t s = 0; s < expanded->count; s++) {
        const State *state = &expanded->items[s];
        PyObject *row = rows_get(&model->rows, state->before, state->last);
        if (row == NULL)
            return -1;
        double logprob;
        int failed = rows_logprob(&model->rows, row, model->end, &logprob) < 0;
        Py_DECREF(row);
        if (failed)
            return -1;
        double total = state->score + logprob;
        PyObject *before = PyDict_GetItemWithError(finished, state->english);
        if (before == NULL && PyErr_Occurred())
            return -1;
        double old = -INFINITY;
        if (before != NULL && as_double(before, &old) < 0)
            return -1;
        if (total >= floor && total > old) {
            PyObject *number = PyFloat_FromDouble(total);
            if (number == NULL || PyDict_SetItem(finished, state->english, number) < 0) {
                Py_XDECREF(number);
                return -1;
            }
            Py_DECREF(number);
        }
    }
    return 0;
}

static PyObject *
search(PyObject *module, PyObject *args)
{
    PyObject *model_object, *moves;
    Model model = {0};
    Search run = {0};
    if (!PyArg_ParseTuple(args, "OO!dnnO:search", &model_object, &PyList_Type, &moves, &run.floor, &run.beam,
                          &run.max_dropped, &model.end))
        return NULL;
    if (run.beam < 1 || run.max_dropped < 0) {
        PyErr_SetString(PyExc_ValueError, "search: a beam >= 1 and max_dropped >= 0 expected");
        return NULL;
    }
    if (rows_open(&model.rows, model_object) < 0) {
        rows_close(&model.rows);
        return NULL;
    }
    model.drops = PyObject_GetAttrString(model_object, "drops");
    model.drops_after = model.drops ? PyObject_GetAttrString(model_object, "drops_after") : NULL;
    model.english_of = model.drops_after ? PyObject_GetAttrString(model_object, "english_of") : NULL;
    if (model.english_of != NULL && (!PyDict_Check(model.drops) || !PyList_Check(model.english_of)))
        PyErr_SetString(PyExc_TypeError, "model: drops a dict and english_of a list expected");
    if (PyErr_Occurred()) {
        Py_XDECREF(model.drops);
        Py_XDECREF(model.drops_after);
        Py_XDECREF(model.english_of);
        rows_close(&model.rows);
        return NULL;
    }
    run.size = PyList_GET_SIZE(moves);
    Py_ssize_t positions = run.size + 1;
    run.beams = PyMem_Calloc(positions, sizeof(States));
    run.heaps = PyMem_Calloc((size_t)positions * run.beam, sizeof(double));
    run.heap_sizes = PyMem_Calloc(positions, sizeof(Py_ssize_t));
    run.floors = PyMem_Calloc(positions, sizeof(double));
    run.left_out = PyMem_Calloc(positions, 1);
    PyObject *finished = PyDict_New(), *empty = PyUnicode_FromStringAndSize("", 0), *result = NULL;
    Snapshot expanded = {NULL, 0};
    if (run.beams == NULL || run.heaps == NULL || run.heap_sizes == NULL || run.floors == NULL || run.left_out == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (finished == NULL || empty == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < positions; i++)
        run.floors[i] = -INFINITY;
    Py_hash_t empty_hash = PyObject_Hash(empty);
    if (empty_hash == -1 || add(&run.beams[0], -1, -1, 0, empty, state_hash(-1, -1, 0, empty_hash), 0.0) < 0)
        goto done;
    for (Py_ssize_t i = 0; i < positions; i++) {
        if (drop_letters(&run, &model, i) < 0)
            goto done;
        if (best(&run.beams[i], run.beam, run.left_out[i], &expanded) < 0)
            goto done;
        if (i == run.size) {
            if (finish(&model, &expanded, run.floor, finished) < 0)
                goto done;
            break;
        }
        if (expand(&run, &model, i, &expanded, PyList_GET_ITEM(moves, i)) < 0)
            goto done;
    }
    result = finished;
    finished = NULL;
done:
    if (run.beams != NULL)
        for (Py_ssize_t i = 0; i < positions; i++)
            release(&run.beams[i]);
    PyMem_Free(run.beams);
    PyMem_Free(run.heaps);
    PyMem_Free(run.heap_sizes);
    PyMem_Free(run.floors);
    PyMem_Free(run.left_out);
    PyMem_Free(expanded.items);
    PyMem_Free(run.logprobs);
    Py_XDECREF(finished);
    Py_XDECREF(empty);
    Py_XDECREF(model.drops);
    Py_XDECREF(model.drops_after);
    Py_XDECREF(model.english_of);
    if (rows_close(&model.rows) < 0)
        Py_CLEAR(result);
    return result;
}

static PyMethodDef methods[] = {
    {"search", search, METH_VARARGS, "normalizer.round_trip_search's beam search: {English spelling: log P}."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_search", "The beam search of normalizer.round_trip_search, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__search(void)
{
    return PyModule_Create(&definition);
}

/* The states of the compiled beam search (_search.c): dicts of states in
   the order they arrive, as the Python loop's dicts of
   normalizer.round_trip_search are, and the best of them taken as its
   best_states takes them. */

#ifndef NORMALIZER_SEARCH_STATES_H
#define NORMALIZER_SEARCH_STATES_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_loops.h"

typedef struct {
    long before, last;
    long dropped;
    PyObject *english; /* owned */
    Py_hash_t hash;
    double score;
} State;

/* A dict of states in the order they arrive (a key keeps its place when its
   score changes), as the Python loop's dicts are. */
typedef struct {
    State *items;
    Py_ssize_t count, room;
    Py_ssize_t *slots; /* index + 1 of a state, 0 for none; open addressing */
    Py_ssize_t mask;
} States;

static inline Py_hash_t
state_hash(long before, long last, long dropped, Py_hash_t english)
{
    Py_uhash_t h = (Py_uhash_t)english;
    h = (h ^ (Py_uhash_t)before) * 1000003u;
    h = (h ^ (Py_uhash_t)last) * 1000003u;
    h = (h ^ (Py_uhash_t)dropped) * 1000003u;
    return (Py_hash_t)(h ^ (h >> 29));
}

/* The index of the state, -1 if none, -2 on an error. */
static inline Py_ssize_t
find(const States *states, long before, long last, long dropped, PyObject *english, Py_hash_t hash)
{
    if (states->slots == NULL)
        return -1;
    for (Py_ssize_t slot = hash & states->mask;; slot = (slot + 1) & states->mask) {
        Py_ssize_t at = states->slots[slot];
        if (at == 0)
            return -1;
        const State *held = &states->items[at - 1];
        if (held->hash == hash && held->before == before && held->last == last && held->dropped == dropped) {
            if (held->english == english)
                return at - 1;
            int equal = PyUnicode_Compare(held->english, english);
            if (equal == -1 && PyErr_Occurred())
                return -2;
            if (equal == 0)
                return at - 1;
        }
    }
}

static inline int
rehash(States *states, Py_ssize_t size)
{
    Py_ssize_t *slots = PyMem_Calloc(size, sizeof(Py_ssize_t));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyMem_Free(states->slots);
    states->slots = slots;
    states->mask = size - 1;
    for (Py_ssize_t k = 0; k < states->count; k++) {
        Py_ssize_t slot = states->items[k].hash & states->mask;
        while (slots[slot])
            slot = (slot + 1) & states->mask;
        slots[slot] = k + 1;
    }
    return 0;
}

/* A new state, last in order (the caller knows it is not there). */
static inline int
add(States *states, long before, long last, long dropped, PyObject *english, Py_hash_t hash, double score)
{
    State *items = with_room(states->items, &states->room, states->count + 1, sizeof(State));
    if (items == NULL)
        return -1;
    states->items = items;
    /* at most two thirds of the slots taken */
    if (states->slots == NULL && rehash(states, 32) < 0)
        return -1;
    if (3 * (states->count + 1) > 2 * (states->mask + 1) && rehash(states, 2 * (states->mask + 1)) < 0)
        return -1;
    Py_INCREF(english);
    states->items[states->count] = (State){before, last, dropped, english, hash, score};
    Py_ssize_t slot = hash & states->mask;
    while (states->slots[slot])
        slot = (slot + 1) & states->mask;
    states->slots[slot] = ++states->count;
    return 0;
}

static inline void
release(States *states)
{
    for (Py_ssize_t k = 0; k < states->count; k++)
        Py_DECREF(states->items[k].english);
    PyMem_Free(states->items);
    PyMem_Free(states->slots);
    *states = (States){NULL, 0, 0, NULL, 0};
}

/* A copy of some states as they are now (their English borrowed from the
   dict they came from, which outlives it). */
typedef struct {
    State *items;
    Py_ssize_t count;
} Snapshot;

/* best_states(states, size, ranked): all in order if no more than `size`
   and not `ranked`, else the `size` best, best first, of equal scores the
   earlier first. */
static inline int
best(const States *states, Py_ssize_t size, int ranked, Snapshot *out)
{
    Py_ssize_t count = states->count;
    State *items = PyMem_Malloc(sizeof(State) * (count ? count : 1));
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(items, states->items, sizeof(State) * count);
    if (count > size || ranked) {
        for (Py_ssize_t k = 1; k < count; k++) { /* insertion sort: stable */
            State moving = items[k];
            Py_ssize_t at = k;
            while (at > 0 && items[at - 1].score < moving.score) {
                items[at] = items[at - 1];
                at--;
            }
            items[at] = moving;
        }
        if (count > size)
            count = size;
    }
    PyMem_Free(out->items);
    out->items = items;
    out->count = count;
    return 0;
}

#endif

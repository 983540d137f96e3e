/* What the compiled loops (_alignment.c, _joint.c, _search.c) share: a
   Python float read as a double, and an array grown to hold more. */

#ifndef NORMALIZER_LOOPS_H
#define NORMALIZER_LOOPS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* `value` as a double in *out; -1 with the error set where it is none. */
static inline int
as_double(PyObject *value, double *out)
{
    *out = PyFloat_AsDouble(value);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

/* `items` (room for *room of `size` bytes each) with room for `need`:
   itself where it has it, else moved to a block of twice its room or
   `need`, whichever is more (8 at least), and *room updated. NULL with
   MemoryError set where none can be had; `items` is then unchanged. */
static inline void *
with_room(void *items, Py_ssize_t *room, Py_ssize_t need, size_t size)
{
    if (need <= *room)
        return items;
    Py_ssize_t more = Py_MAX(Py_MAX(need, 2 * *room), 8);
    void *grown = PyMem_Realloc(items, size * (size_t)more);
    if (grown == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *room = more;
    return grown;
}

#endif

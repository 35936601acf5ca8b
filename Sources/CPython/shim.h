#include <sys/select.h>
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

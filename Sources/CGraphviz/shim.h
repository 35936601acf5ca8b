#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
static inline Agdesc_t gradviz_directed(void) { return Agdirected; }

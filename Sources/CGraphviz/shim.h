#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <unistd.h>

static inline Agdesc_t gradviz_directed(void) { return Agdirected; }

/* cgraph's default ID discipline makes a named object's ID the address of its interned name,
   and agwrite orders subgraphs by ID: cluster order in DOT text and layout would change from
   run to run. This map declines names for graphs and subgraphs, so cgraph numbers them in
   creation order and keeps their names in its internal map; nodes and edges are unchanged. */
static inline long gradviz_id_map(void *state, int objtype, char *str, IDTYPE *id,
                                  int createflag) {
    if (str && objtype == AGRAPH) return 0;
    return AgIdDisc.map(state, objtype, str, id, createflag);
}
static inline void *gradviz_id_open(Agraph_t *g, Agdisc_t *disc) {
    return AgIdDisc.open(g, disc);
}
static inline long gradviz_id_alloc(void *state, int objtype, IDTYPE id) {
    return AgIdDisc.alloc(state, objtype, id);
}
static inline void gradviz_id_free(void *state, int objtype, IDTYPE id) {
    AgIdDisc.free(state, objtype, id);
}
static inline char *gradviz_id_print(void *state, int objtype, IDTYPE id) {
    return AgIdDisc.print(state, objtype, id);
}
static inline void gradviz_id_close(void *state) { AgIdDisc.close(state); }
static inline void gradviz_id_register(void *state, int objtype, void *obj) {
    if (AgIdDisc.idregister) AgIdDisc.idregister(state, objtype, obj);
}

/* cgraph dereferences what a failed allocation returns. Running out of memory inside cgraph
   ends the process at once with a message and status 70, instead of a crash. */
static inline void gradviz_out_of_memory(void) {
    static const char message[] = "gradviz: error: Graphviz failed (out of memory)\n";
    ssize_t ignored = write(2, message, sizeof message - 1);
    (void)ignored;
    _exit(70);
}
static inline void *gradviz_mem_alloc(void *heap, size_t size) {
    void *memory = AgMemDisc.alloc(heap, size);
    if (!memory && size) gradviz_out_of_memory();
    return memory;
}
static inline void *gradviz_mem_resize(void *heap, void *old, size_t oldsize, size_t size) {
    void *memory = AgMemDisc.resize(heap, old, oldsize, size);
    if (!memory && size) gradviz_out_of_memory();
    return memory;
}

/* cgraph's default disciplines with the ID map and the memory discipline above. */
static inline Agdisc_t *gradviz_discipline(void) {
    static Agiddisc_t ids = {gradviz_id_open,  gradviz_id_map,   gradviz_id_alloc,
                             gradviz_id_free,  gradviz_id_print, gradviz_id_close,
                             gradviz_id_register};
    static Agmemdisc_t memory;
    memory = AgMemDisc; /* open, free and close as cgraph's own (close may be NULL) */
    memory.alloc = gradviz_mem_alloc;
    memory.resize = gradviz_mem_resize;
    static Agdisc_t discipline;
    discipline.mem = &memory;
    discipline.id = &ids;
    discipline.io = &AgIoDisc;
    return &discipline;
}

/* Reads a graph from DOT text with gradviz_discipline(); NULL on failure. */
static inline Agraph_t *gradviz_read(const char *text, size_t length) {
    FILE *file = fmemopen((void *)text, length, "r");
    if (!file) return NULL;
    Agraph_t *graph = agread(file, gradviz_discipline());
    fclose(file);
    return graph;
}

/* The bounding box of a laid-out graph, in points (GD_bb: the layout's own, before any
   renderer writes the "bb" attribute). Width and height through the pointers. */
static inline void gradviz_layout_size(Agraph_t *g, double *width, double *height) {
    boxf bb = GD_bb(g);
    *width = bb.UR.x - bb.LL.x;
    *height = bb.UR.y - bb.LL.y;
}

#include <graphviz/graphviz_version.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>
#include <stdio.h>

/* One form for Swift of the Graphviz calls whose declarations changed between Debian's 2.42
   and current releases (checked against the 9.0, 12.2 and 14.1 headers). Where a
   declaration changed, C11 _Generic on the function's own type picks the call, and only the
   selected call is compiled: graphviz_version.h has numeric version macros only from 14.0
   (GRAPHVIZ_VERSION_MAJOR), so the changes of 9 and 13 cannot be told apart by them. */

/* `function` as a pointer of type `type`, through `void (*)(void)`: for the calls that
   _Generic leaves unselected, whose types differ from the declaration by design. */
#define GRADVIZ_AS(type, function) ((type)(void (*)(void))(function))

static inline Agdesc_t gradviz_directed(void) { return Agdirected; }

/* The bounding box of a laid-out graph, in points (the `bb` attribute holds it rounded). */
static inline boxf gradviz_bounding_box(Agraph_t *graph) { return GD_bb(graph); }

/* cgraph's default ID discipline makes a named object's ID the address of its interned name,
   and agwrite orders subgraphs by ID: cluster order in DOT text and layout would change from
   run to run. This map declines names for graphs and subgraphs, so cgraph numbers them in
   creation order and keeps their names in its internal map; nodes and edges are unchanged. */
static inline long gradviz_id_map(void *state, int objtype, char *str, IDTYPE *id,
                                  int createflag) {
    if (str && objtype == AGRAPH) return 0;
    return AgIdDisc.map(state, objtype, str, id, createflag);
}

/* cgraph's default disciplines with the ID map above. The ID discipline is a copy of
   AgIdDisc with `map` replaced, so it has whatever members this Graphviz declares (13
   dropped `alloc`). The memory discipline is left unset, which every version reads as its
   default (9 removed it, with AgMemDisc); the I/O discipline is the default one, which
   agread needs named. */
static inline Agdisc_t *gradviz_discipline(void) {
    static Agiddisc_t ids;
    static Agdisc_t discipline;
    if (!discipline.id) {
        ids = AgIdDisc;
        ids.map = gradviz_id_map;
        discipline.io = &AgIoDisc;
        discipline.id = &ids;
    }
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

/* gvRenderData: the length is an `unsigned int *` before 13, a `size_t *` from 13. */
typedef int (*gradviz_render_data_uint_t)(GVC_t *, graph_t *, const char *, char **,
                                          unsigned int *);
typedef int (*gradviz_render_data_size_t)(GVC_t *, graph_t *, const char *, char **,
                                          size_t *);
static inline int gradviz_render_data(GVC_t *gvc, Agraph_t *graph, const char *format,
                                      char **result, size_t *length) {
    unsigned int count = 0;
    int status = _Generic(&gvRenderData,
        gradviz_render_data_uint_t:
            GRADVIZ_AS(gradviz_render_data_uint_t, &gvRenderData)(gvc, graph, format, result, &count),
        default: GRADVIZ_AS(gradviz_render_data_size_t, &gvRenderData)(gvc, graph, format, result,
                                                              length));
    _Generic(&gvRenderData, gradviz_render_data_uint_t: (void)(*length = count),
             default: (void)0);
    return status;
}

/* Frees a string made by agstrdup_html: from 13 agstrfree is told whether it is HTML. */
typedef int (*gradviz_strfree_t)(Agraph_t *, char *);
typedef int (*gradviz_strfree_const_t)(Agraph_t *, const char *);
typedef int (*gradviz_strfree_html_t)(Agraph_t *, const char *, _Bool);
static inline int gradviz_free_html_string(Agraph_t *graph, char *text) {
    return _Generic(&agstrfree,
        gradviz_strfree_t: GRADVIZ_AS(gradviz_strfree_t, &agstrfree)(graph, text),
        gradviz_strfree_const_t: GRADVIZ_AS(gradviz_strfree_const_t, &agstrfree)(graph, text),
        default: GRADVIZ_AS(gradviz_strfree_html_t, &agstrfree)(graph, text, 1));
}

/* gvPluginList: before 9 it takes a fourth, unused argument. */
typedef char **(*gradviz_plugin_list_unused_t)(GVC_t *, const char *, int *, char *);
typedef char **(*gradviz_plugin_list_unused_const_t)(GVC_t *, const char *, int *,
                                                     const char *);
typedef char **(*gradviz_plugin_list_t)(GVC_t *, const char *, int *);
static inline char **gradviz_plugin_list(GVC_t *gvc, const char *kind, int *count) {
    return _Generic(&gvPluginList,
        gradviz_plugin_list_unused_t:
            GRADVIZ_AS(gradviz_plugin_list_unused_t, &gvPluginList)(gvc, kind, count, NULL),
        gradviz_plugin_list_unused_const_t:
            GRADVIZ_AS(gradviz_plugin_list_unused_const_t, &gvPluginList)(gvc, kind, count, NULL),
        default: GRADVIZ_AS(gradviz_plugin_list_t, &gvPluginList)(gvc, kind, count));
}

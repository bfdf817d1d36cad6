#include "core/criteria/read_planner.h"

namespace elig {

void plan_reads(Trial& trial)
{
    // Children precede their parents in `nodes`: one pass settles them all.
    for (Node& node : trial.nodes) {
        switch (node.kind) {
        case NodeKind::constant:
            node.reads_fixed_fields = true;
            break;
        case NodeKind::all:
        case NodeKind::any:
        case NodeKind::readings:
        case NodeKind::negate:
            node.reads_fixed_fields = true;
            for (int i = 0; i < node.child_count; ++i) {
                const Node& child = trial.node(trial.child(node, i));
                node.reads_fixed_fields &= child.reads_fixed_fields;
                node.fixed_reads |= child.fixed_reads;
            }
            break;
        case NodeKind::if_then_else:  // reads a branch, or both, depending on the condition
        case NodeKind::not_within:    // a date of "none" needs no reference date
            break;
        case NodeKind::earlier_than:
        case NodeKind::later_than:
            node.reads_fixed_fields = trial.is_field(node.slot) && trial.is_field(node.reference);
            if (node.reads_fixed_fields) {
                node.fixed_reads.insert_field(node.slot);
                node.fixed_reads.insert_field(node.reference);
            }
            break;
        case NodeKind::is_bool:
        case NodeKind::is_enum:
        case NodeKind::in_enum:
        case NodeKind::is_none:
        case NodeKind::at_least:
        case NodeKind::at_most:
        case NodeKind::above:
        case NodeKind::below:
            node.reads_fixed_fields = trial.is_field(node.slot);
            if (node.reads_fixed_fields) node.fixed_reads.insert_field(node.slot);
            break;
        }
    }
}

} // namespace elig

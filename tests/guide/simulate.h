// A referring physician with a known record in front of them, answering
// guided pre-screening: the screening starts from the screening date alone;
// each first question is answered from the record (every field of the
// question the record has; a field it lacks is "don't know", i.e. skipped),
// until the state is no longer "ask". The same physician filling the form
// in its order instead answers, one field at a time, the first field the
// verdict still lists as missing (visit fields aside, as the guide leaves
// them to the visit), with the same stop rule. Used by the guided tests and
// by bench/guide_simulation.cpp.
#pragma once
#include "core/eval/evaluate.h"
#include "core/guide/next_question.h"

#include <vector>

namespace elig_test {

struct Simulated {
    elig::GuideState state = elig::GuideState::ask;
    int answers = 0;  // questions answered (a skipped one counts: it was asked)
};

inline elig::Record starting_record(const elig::Trial& trial, const elig::Record& full)
{
    elig::Record partial;
    partial.values.resize(trial.fields.size());
    const int screening = trial.find_slot("screening_date");
    if (trial.is_field(screening)) partial.value(screening) = full.value(screening);
    return partial;
}

inline Simulated simulate_guided(elig::Guide& guide, const elig::Trial& trial, const elig::Record& full)
{
    elig::Record partial = starting_record(trial, full);
    elig::FieldSet skipped;
    Simulated out;
    for (int guard = 0; guard < 1000; ++guard) {
        const elig::Guidance& next = guide.next(partial, skipped, 1);
        out.state = next.state;
        if (next.state != elig::GuideState::ask) return out;
        const elig::GuideQuestion& q = next.questions.front();
        ++out.answers;
        std::vector<int> fields = q.with;
        fields.insert(fields.begin(), q.field);
        for (int f : fields)
            if (!full.value(f).absent()) partial.value(f) = full.value(f);
        // What the physician did not know is not asked again.
        for (int f : fields)
            if (partial.value(f).absent()) skipped.insert_field(f);
    }
    return out;
}

inline Simulated simulate_form_order(elig::Guide& guide, const elig::Trial& trial, const elig::Record& full)
{
    elig::Record partial = starting_record(trial, full);
    elig::FieldSet skipped;
    elig::Evaluation ev;
    Simulated out;
    for (int guard = 0; guard < 1000; ++guard) {
        const elig::Guidance& next = guide.next(partial, skipped, 0);
        out.state = next.state;
        if (next.state != elig::GuideState::ask) return out;
        elig::evaluate(trial, partial, ev);
        int asked = -1;
        for (int f = 0; f < static_cast<int>(trial.fields.size()) && asked < 0; ++f)
            if (ev.missing.contains_field(f) && !skipped.contains_field(f) && partial.value(f).absent() &&
                trial.field(f).known_at != elig::KnownAt::visit)
                asked = f;
        if (asked < 0) {
            // The verdict lists nothing the form would still ask, but the guide
            // would ask a field it prefers over the estimate: that one, then.
            const elig::Guidance& more = guide.next(partial, skipped, 1);
            asked = more.questions.front().field;
        }
        ++out.answers;
        if (!full.value(asked).absent()) partial.value(asked) = full.value(asked);
        else skipped.insert_field(asked);
    }
    return out;
}

} // namespace elig_test

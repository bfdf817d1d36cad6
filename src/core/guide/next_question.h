// Guided pre-screening: the next questions that decide most, for a record
// that is still being filled, and when to stop asking. Every answer a
// question offers is evaluated against the criteria before it is offered,
// so "what this answer would do" is computed, never written by hand: a
// yes/no or a choice is each of its values, a number the ranges between the
// thresholds the rules compare it with, a date "none" and each side of the
// windows it is tested against.
//
// The order: questions one of whose answers ends the screening (makes a
// criterion fail) first; among those, what a referring physician knows from
// the chart before what needs a recent test; then the likelier exclusion
// (the criteria file's screen-failure weights), then a question whose one
// answer decides more criteria, then the dictionary's order. Fields only the
// study team can settle (known_at "visit") are never asked: when nothing else
// is left they are the list the screening visit must settle.
//
// Deterministic and free of I/O; a Guide keeps its scratch between calls.
//
// Example:
//   Guide guide(trial);
//   FieldSet skipped;                                 // "don't know" answers
//   const Guidance& next = guide.next(record, skipped);
//   if (next.state == GuideState::ask) {
//       const GuideQuestion& q = next.questions[0];   // e.g. diagnosis, with its answers
//       for (const GuideAnswer& a : q.answers) show(trial.field(a.field).id, a.overall, a.fails);
//   }
//   if (next.state == GuideState::referable) list(next.visit);   // what the visit must settle
#pragma once
#include "core/base/field_set.h"
#include "core/base/status.h"
#include "core/eval/evaluate.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace elig {

enum class GuideState : uint8_t {
    ask,         // questions are left
    ineligible,  // a criterion fails, and no answer can change that
    eligible,    // every criterion passes, and no answer can change that
    review,      // nothing left to ask; the study team must review
    referable,   // every undecided criterion waits only on visit fields: worth referring
    unanswered,  // only skipped fields remain
};
std::string_view guide_state_name(GuideState state);

// One answer to a question: the value it puts in the record, and what the
// record's verdict is then.
struct GuideAnswer {
    enum class Kind : uint8_t { yes, no, choice, range, none, within, before };
    Kind kind = Kind::yes;
    int field = -1;             // the field the answer fills (a lab's multiple of ULN for the lab)
    FieldValue value;           // as the record holds it (numbers: a value inside the range)
    int16_t choice = -1;        // choice: the enum value
    // range: the numbers this answer stands for, in the field's canonical unit.
    bool has_low = false, has_high = false, low_inclusive = false, high_inclusive = false;
    double low = 0, high = 0;
    // within / before: the window of a rule ("within 4 weeks before the screening date").
    int window_node = -1;
    Status overall = Status::unknown;  // the verdict with this answer
    std::vector<int> fails;            // criteria it makes fail
    std::vector<int> settles;          // criteria it decides (pass or fail)
    std::vector<int> changes;          // criteria whose status it changes (settled ones included)
};

struct GuideQuestion {
    int field = -1;              // what is asked
    std::vector<int> with;       // fields asked with it (a lab's ULN and multiple, birth date for age)
    KnownAt known_at = KnownAt::chart;
    bool can_end = false;        // an answer makes the record ineligible
    double exclusion_weight = 0; // the screen-failure weights of the criteria an answer fails
    std::vector<int> settles;    // criteria some answer decides
    std::vector<GuideAnswer> answers;
};

struct Guidance {
    GuideState state = GuideState::ask;
    Status overall = Status::unknown;     // the record's verdict now
    std::vector<int> deciding;            // ineligible: the failing criteria
    std::vector<GuideQuestion> questions; // best first; empty unless state is ask
    std::vector<int> visit;               // visit fields still missing, in dictionary order
};

class Guide {
public:
    explicit Guide(const Trial& trial);

    // The guidance for `record`, the fields in `skipped` never asked again.
    // At most `max_questions` are ranked and returned (all by default).
    const Guidance& next(const Record& record, const FieldSet& skipped, size_t max_questions = SIZE_MAX);

private:
    struct Group {               // a question's fields
        int field = -1;
        std::vector<int> with;
        int answer_field = -1;   // the field its answers fill
        int answer_slot = -1;    // the slot whose thresholds shape its number answers
    };
    const Trial& trial_;
    std::vector<Group> groups_;           // by field: the group it leads, or field -1
    std::vector<int> member_of_;          // by field: the field whose group holds it
    std::vector<FieldSet> overrides_;     // by criterion: fields a derived value it reads prefers over what it has
    Evaluation now_, trial_ev_;
    Record scratch_;
    Guidance out_;

    void enumerate_answers(const Group& group, const Record& record, GuideQuestion& question);
    void add_number_answers(int answer_field, std::vector<double> thresholds, bool whole, std::vector<GuideAnswer>& answers);
    void add_date_answers(const Group& group, const Record& record, std::vector<GuideAnswer>& answers);
    bool outcome(GuideAnswer& answer);
    bool could_change(const Record& record, const FieldSet& skipped, size_t criterion);
    bool stop_or_leaders(const Record& record, const FieldSet& skipped, std::vector<int>& leaders);
};

} // namespace elig

// Guided mode: the question that decides most (core/guide), asked on the
// same record as the form, its answers as tap targets or the form's own
// inputs, what each answer would do, and the screens where asking stops.
// Every word here is computed from the guidance and the trial; the DOM
// layer gets the same words through write_guide_state().
#include "app/ui/app.h"

#include "app/ui/widgets.h"
#include "core/base/number_format.h"
#include "core/report/reason.h"

#include <imgui.h>

#include <algorithm>

namespace app {

namespace {

bool is_tap(elig::GuideAnswer::Kind kind)
{
    using K = elig::GuideAnswer::Kind;
    return kind == K::yes || kind == K::no || kind == K::choice || kind == K::none;
}

bool is_typed(elig::FieldType type) { return type != elig::FieldType::boolean && type != elig::FieldType::enumeration; }

} // namespace

const elig::Guidance App::kNoGuidance{};

void App::set_guided(bool guided)
{
    if (guided_ == guided) return;
    guided_ = guided;
    asking_.reset();
    tab_sync_frames_ = 2;
    refresh_guide();
    publish_form_ = true;
    frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::reset_guide()
{
    skipped_.clear();
    guide_steps_.clear();
    asking_.reset();
}

void App::refresh_guide()
{
    if (!guided_ || !errors_.empty()) return;
    if (!guide_) guide_ = std::make_unique<elig::Guide>(trial_);
    elig::FieldSet skipped;
    for (int f : skipped_) skipped.insert_field(f);
    guidance_ = &guide_->next(record_, skipped);
    // A question whose answer is being typed stays until Next: "7" on the
    // way to "70" is not an answer yet.
    if (asking_ && !typed_fields(*asking_).empty()) return;
    asking_.reset();
    asking_inputs_.clear();
    if (guidance_->state != elig::GuideState::ask || guidance_->questions.empty()) return;
    asking_ = guidance_->questions.front();
    asking_inputs_.emplace_back(asking_->field, form_.input(asking_->field));
    for (int f : asking_->with) asking_inputs_.emplace_back(f, form_.input(f));
}

// The fields a question is answered by typing into (a lab's ULN and
// multiple come with its value's row).
std::vector<int> App::typed_fields(const elig::GuideQuestion& question) const
{
    std::vector<int> out;
    auto add = [&](int f) {
        if (is_typed(trial_.field(f).type) && form_.has_row(f)) out.push_back(f);
    };
    add(question.field);
    for (int f : question.with) add(f);
    return out;
}

std::vector<const elig::GuideAnswer*> App::tap_answers(const elig::GuideQuestion& question) const
{
    std::vector<const elig::GuideAnswer*> out;
    for (const elig::GuideAnswer& a : question.answers)
        if (is_tap(a.kind)) out.push_back(&a);
    return out;
}

// Next is offered once a typed field holds a value the record accepts.
bool App::typed_answer_ready(const elig::GuideQuestion& question) const
{
    if (!errors_.empty()) return false;
    bool any = record_.value(question.field).known();
    for (int f : question.with) any |= record_.value(f).known();
    return any;
}

void App::answer_question(const elig::GuideAnswer& answer)
{
    GuideStep step;
    step.before = asking_inputs_;
    using K = elig::GuideAnswer::Kind;
    bool changed = false;
    if (answer.kind == K::yes || answer.kind == K::no) changed = form_.set_choice(answer.field, answer.kind == K::yes ? 1 : 0);
    else if (answer.kind == K::choice) changed = form_.set_choice(answer.field, answer.choice);
    else if (answer.kind == K::none) changed = form_.set_none(answer.field, true);
    edited(answer.field, changed);
    guide_steps_.push_back(std::move(step));
    asking_.reset();
    dirty_ = true;
}

void App::guide_action(const std::string& name)
{
    if (name == "mode:guided" || name == "mode:form") return set_guided(name == "mode:guided");
    if (name == "guide:back") {
        if (guide_steps_.empty()) return;
        const GuideStep step = std::move(guide_steps_.back());
        guide_steps_.pop_back();
        for (const auto& [field, input] : step.before) edited(field, form_.restore(field, input));
        skipped_.erase(std::remove(skipped_.begin(), skipped_.end(), step.skipped), skipped_.end());
    } else if (name == "guide:again") {
        skipped_.clear();
    } else if (!asking_) {
        return;
    } else if (name == "guide:skip") {
        // "Don't know": whatever was typed for it goes, and it is not asked again.
        GuideStep step;
        step.before = asking_inputs_;
        step.skipped = asking_->field;
        for (const auto& [field, input] : asking_inputs_) {
            FieldInput cleared;
            cleared.unit = input.unit;
            edited(field, form_.restore(field, cleared));
        }
        skipped_.push_back(asking_->field);
        guide_steps_.push_back(std::move(step));
    } else if (name == "guide:next") {
        if (!typed_answer_ready(*asking_)) return;
        guide_steps_.push_back(GuideStep{asking_inputs_, -1});
    } else if (name.rfind("guide:answer:", 0) == 0) {
        const std::vector<const elig::GuideAnswer*> taps = tap_answers(*asking_);
        const size_t index = static_cast<size_t>(std::atoi(name.c_str() + 13));
        if (index >= taps.size()) return;
        return answer_question(*taps[index]);
    } else {
        return;
    }
    asking_.reset();
    dirty_ = true;
}

// ---- Words ----------------------------------------------------------------

std::string App::criteria_titles(const std::vector<int>& criteria) const
{
    std::string out;
    for (int c : criteria) {
        if (!out.empty()) shown_->messages.append(out, elig::Msg::list_separator);
        out += shown_->criteria[static_cast<size_t>(c)].title;
    }
    return out;
}

std::string App::answer_words(const elig::GuideQuestion& question, const elig::GuideAnswer& answer) const
{
    using K = elig::GuideAnswer::Kind;
    const elig::FieldDef& field = shown_->field(answer.field);
    std::string words;
    switch (answer.kind) {
    case K::yes: words = text_(T::yes); break;
    case K::no: words = text_(T::no); break;
    case K::choice: words = field.value_at(answer.choice).label; break;
    case K::none: words = text_(T::guide_none); break;
    case K::range: {
        auto bound = [&](double value) {
            std::string out;
            field.append_number(out, value);
            elig::append_unit(out, field.unit_label);
            return out;
        };
        std::string low, high;
        if (answer.has_low) low = text_.format(answer.low_inclusive ? T::guide_range_at_least : T::guide_range_above, {bound(answer.low)});
        if (answer.has_high) high = text_.format(answer.high_inclusive ? T::guide_range_at_most : T::guide_range_below, {bound(answer.high)});
        // No threshold at all: the value only feeds another (weight, for the clearance estimate).
        words = low.empty() && high.empty() ? std::string(text_(T::guide_range_any))
                : low.empty()                ? high
                : high.empty()               ? low
                                             : text_.format(T::guide_range_between, {low, high});
        break;
    }
    case K::within:
    case K::before: {
        const elig::Node& node = shown_->node(answer.window_node);
        const bool one = node.window == 1;
        const std::string count = std::to_string(node.window);
        const std::string span = node.window_unit == elig::WindowUnit::weeks
                                     ? shown_->messages.format(one ? elig::Msg::span_weeks_one : elig::Msg::span_weeks_other, {count})
                                     : shown_->messages.format(one ? elig::Msg::span_months_one : elig::Msg::span_months_other, {count});
        std::string reference;
        shown_->messages.append_mid_sentence(reference, shown_->slot_label(node.reference));
        words = text_.format(answer.kind == K::within ? T::guide_window_within : T::guide_window_not_within, {span, reference});
        break;
    }
    }
    // An answer that fills another field of the question (a lab's ULN) says which.
    if (answer.field != question.field) return text_.format(T::guide_answer_field, {field.label, words});
    return words;
}

std::string App::then_words(const elig::GuideAnswer& answer) const
{
    switch (answer.overall) {
    case elig::Status::fail: return text_.format(T::guide_then_ineligible, {criteria_titles(answer.fails)});
    case elig::Status::pass: return text_(T::guide_then_eligible);
    case elig::Status::review: return text_(T::guide_then_review);
    case elig::Status::unknown: break;
    }
    return answer.settles.empty() ? std::string(text_(T::guide_then_nothing)) : text_.format(T::guide_then_settles, {criteria_titles(answer.settles)});
}

std::string App::guide_progress() const
{
    int answered = 0;
    for (const GuideStep& step : guide_steps_) answered += step.skipped < 0;
    const std::string a = std::to_string(answered), s = std::to_string(skipped_.size());
    if (guidance_->state != elig::GuideState::ask && !asking_) return text_.format(T::guide_progress_done, {a, s});
    size_t left = guidance_->questions.size();
    if (asking_ && std::none_of(guidance_->questions.begin(), guidance_->questions.end(), [&](const elig::GuideQuestion& q) { return q.field == asking_->field; }))
        ++left;  // the question being typed into, which the record already holds
    const std::string l = std::to_string(left);
    return skipped_.empty() ? text_.format(T::guide_progress, {a, l}) : text_.format(T::guide_progress_skipped, {a, s, l});
}

App::GuideStop App::guide_stop() const
{
    GuideStop stop;
    stop.status = evaluation_.overall;
    auto criterion_items = [&](const std::vector<int>& criteria) {
        for (int c : criteria) {
            const elig::Criterion& criterion = shown_->criteria[static_cast<size_t>(c)];
            stop.items.push_back({text_.format(T::guide_deciding_item, {criterion.title, elig::criterion_reason(*shown_, record_, evaluation_, static_cast<size_t>(c))}),
                                  criterion.source, criterion.source_translation});
        }
    };
    switch (guidance_->state) {
    case elig::GuideState::ask: break;
    case elig::GuideState::ineligible:
        stop.title = text_(T::guide_stop_ineligible);
        stop.text = text_(T::guide_stop_ineligible_text);
        stop.status = elig::Status::fail;
        criterion_items(guidance_->deciding);
        break;
    case elig::GuideState::eligible:
        stop.title = text_(T::guide_stop_eligible);
        stop.text = text_(T::guide_stop_eligible_text);
        break;
    case elig::GuideState::referable:
        stop.title = text_(T::guide_stop_referable);
        stop.text = text_(guidance_->visit.empty() ? T::guide_stop_referable_undecided : T::guide_stop_referable_text);
        for (int f : guidance_->visit) stop.items.push_back({text_.format(T::guide_visit_item, {shown_->field(f).label, shown_->field(f).visit_reason}), "", ""});
        break;
    case elig::GuideState::review: {
        stop.title = text_(T::guide_stop_review);
        stop.text = text_(T::guide_stop_review_text);
        std::vector<int> review;
        for (size_t c = 0; c < evaluation_.criteria.size(); ++c)
            if (evaluation_.criteria[c] == elig::Status::review) review.push_back(static_cast<int>(c));
        criterion_items(review);
        break;
    }
    case elig::GuideState::unanswered:
        stop.title = text_(T::guide_stop_unanswered);
        stop.text = text_(T::guide_stop_unanswered_text);
        for (int f : skipped_) stop.items.push_back({shown_->field(f).label, "", ""});
        break;
    }
    return stop;
}

// A registry sentence's translation as the reader sees it beside the verbatim English.
std::string App::translation_words(const std::string& translation) const
{
    return translation.empty() ? std::string() : text_.format(T::translation_line, {shown_->translation_notice, translation});
}

void App::write_guide_state(elig::JsonWriter& out) const
{
    out.key("guide").begin_object().key("mode").value(guided_ ? "guided" : "form");
    if (!guided_) return void(out.end_object());
    out.key("progress").value(guide_progress()).key("can_back").value(!guide_steps_.empty());
    if (asking_) {
        const elig::GuideQuestion& q = *asking_;
        const elig::FieldDef& field = shown_->field(q.field);
        out.key("state").value("ask").key("question").begin_object();
        out.key("field").value(field.id).key("title").value(field.label).key("help").value(field.help);
        out.key("known_at").value(text_(q.known_at == elig::KnownAt::tests ? T::guide_known_at_tests : T::guide_known_at_chart));
        out.key("typed").begin_array();
        for (int f : typed_fields(q)) out.value(trial_.field(f).id);
        out.end_array().key("answers").begin_array();
        const std::vector<const elig::GuideAnswer*> taps = tap_answers(q);
        for (size_t i = 0; i < taps.size(); ++i)
            out.begin_object().key("key").value("guide:answer:" + std::to_string(i)).key("label").value(answer_words(q, *taps[i])).end_object();
        out.end_array().key("can_next").value(typed_answer_ready(q));
        out.key("decides").begin_array();
        for (int c : q.settles) {
            const elig::Criterion& criterion = shown_->criteria[static_cast<size_t>(c)];
            out.begin_object().key("title").value(criterion.title).key("source").value(criterion.source).key("translation").value(translation_words(criterion.source_translation)).end_object();
        }
        out.end_array().key("meanings").begin_array();
        for (const elig::GuideAnswer& a : q.answers) out.value(text_.format(T::guide_answer_then, {answer_words(q, a), then_words(a)}));
        out.end_array().end_object();
        out.key("then").begin_array();
        for (size_t i = 0, shown = 0; i < guidance_->questions.size() && shown < 3; ++i)
            if (guidance_->questions[i].field != q.field) {
                out.value(shown_->field(guidance_->questions[i].field).label);
                ++shown;
            }
        out.end_array();
    } else if (errors_.empty()) {
        const GuideStop stop = guide_stop();
        out.key("state").value(elig::guide_state_name(guidance_->state)).key("stop").begin_object();
        out.key("title").value(stop.title).key("text").value(stop.text).key("items").begin_array();
        for (const GuideStopItem& item : stop.items)
            out.begin_object().key("text").value(item.text).key("source").value(item.source).key("translation").value(translation_words(item.translation)).end_object();
        out.end_array().key("can_again").value(guidance_->state == elig::GuideState::unanswered).end_object();
    } else {
        out.key("state").value("invalid").key("stop").begin_object().key("title").value(text_(T::save_disabled_tip)).key("text").value("");
        out.key("items").begin_array().end_array().key("can_again").value(false).end_object();
    }
    out.end_object();
}

// ---- Drawing ------------------------------------------------------------------

namespace {

// A large tap target: `share` of the row's width on a phone (the whole of
// it, or half for a pair), else as wide as its words (at least a thumb's),
// wrapping to the next line when the row is full. A touch screen's frames
// are tall enough already; a mouse's get taller ones here.
bool answer_button(const std::string& label, bool narrow, bool touch, bool& first, float min_width, float share = 1.0f)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetContentRegionAvail().x;
    float width = std::max(ImGui::CalcTextSize(label.c_str()).x + style.FramePadding.x * 4, min_width);
    if (narrow) width = share < 1.0f ? (row - style.ItemSpacing.x) * share : row;
    const float right = ImGui::GetCursorScreenPos().x + row;
    if (!first && ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right + 0.5f) ImGui::SameLine();
    first = false;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(style.FramePadding.x * 2, style.FramePadding.y * (touch ? 1.0f : 1.8f)));
    const float room = std::min(width, ImGui::GetContentRegionAvail().x);
    const bool fits = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 <= room;
    const bool pressed = fits ? ImGui::Button(label.c_str(), ImVec2(room, 0)) : wrapped_button(label);
    ImGui::PopStyleVar();
    return pressed;
}

} // namespace

void App::draw_guide(bool narrow)
{
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(kMutedColor, guide_progress());
    ImGui::PopTextWrapPos();
    locator_.item("guide:progress");
    ImGui::Spacing();
    if (asking_) draw_guide_question(*asking_, narrow);
    else if (!errors_.empty()) wrapped_text(kErrorColor, text_(T::save_disabled_tip));
    else draw_guide_stop();
}

void App::draw_guide_question(const elig::GuideQuestion& q, bool narrow)
{
    const elig::FieldDef& field = shown_->field(q.field);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(fonts_.bold, kBaseFontSize * 1.2f);
    wrapped_text(field.label);
    ImGui::PopFont();
    locator_.item("guide:question");
    wrapped_text(field.help);
    wrapped_text(kMutedColor, text_(q.known_at == elig::KnownAt::tests ? T::guide_known_at_tests : T::guide_known_at_chart));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    const float min_width = ImGui::GetFontSize() * 6;
    bool first = true;
    const std::vector<const elig::GuideAnswer*> taps = tap_answers(q);
    std::string chosen;
    for (size_t i = 0; i < taps.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string key = "guide:answer:" + std::to_string(i);
        if (answer_button(answer_words(q, *taps[i]), narrow, style_.touch, first, min_width, taps.size() == 2 ? 0.5f : 1.0f)) chosen = key;
        locator_.item(key);
        ImGui::PopID();
    }
    const std::vector<int> typed = typed_fields(q);
    if (!typed.empty()) {
        FormView view = form_view();
        bool changed = false;
        for (int f : typed) {
            if (f != q.field || typed.size() > 1) {
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(shown_->field(f).label.c_str());
                locator_.item("label", trial_.field(f).id);
            }
            ImGui::PushID(f);
            changed |= form_.draw_answer(f, view);
            ImGui::PopID();
        }
        if (changed) dirty_ = true;
        ImGui::BeginDisabled(!typed_answer_ready(q));
        first = true;
        if (answer_button(text_(T::guide_next), narrow, style_.touch, first, min_width)) chosen = "guide:next";
        ImGui::EndDisabled();
        locator_.item("guide:next");
    }
    ImGui::Spacing();
    first = true;
    if (answer_button(text_(T::guide_dont_know), narrow, style_.touch, first, min_width, 0.5f)) chosen = "guide:skip";
    locator_.item("guide:skip");
    ImGui::BeginDisabled(guide_steps_.empty());
    if (answer_button(text_(T::guide_back), narrow, style_.touch, first, min_width, 0.5f)) chosen = "guide:back";
    ImGui::EndDisabled();
    locator_.item("guide:back");
    ImGui::Spacing();
    draw_guide_why(q);
    if (!narrow) {
        std::vector<std::string> then;
        for (size_t i = 0; i < guidance_->questions.size() && then.size() < 3; ++i)
            if (guidance_->questions[i].field != q.field) then.push_back(shown_->field(guidance_->questions[i].field).label);
        if (!then.empty()) {
            ImGui::Spacing();
            ImGui::PushTextWrapPos(0.0f);
            wrapped_text(kMutedColor, text_(T::guide_then_heading));
            for (const std::string& label : then) wrapped_text(kMutedColor, "\xE2\x80\xA2 " + label);
            ImGui::PopTextWrapPos();
        }
    }
    if (!chosen.empty()) action(chosen);
}

void App::draw_guide_why(const elig::GuideQuestion& q)
{
    const bool open = wrapped_tree_node(text_(T::guide_why), "guide_why");
    locator_.item("guide:why");
    if (!open) return;
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(kMutedColor, text_(T::guide_why_decides));
    for (int c : q.settles) {
        const elig::Criterion& criterion = shown_->criteria[static_cast<size_t>(c)];
        ImGui::PushFont(fonts_.bold, 0.0f);
        wrapped_text(criterion.title);
        ImGui::PopFont();
        wrapped_text(kMutedColor, "\xE2\x80\x9C" + criterion.source + "\xE2\x80\x9D");
        if (!criterion.source_translation.empty())
            wrapped_text(kMutedColor, translation_words(criterion.source_translation));
    }
    ImGui::Spacing();
    wrapped_text(kMutedColor, text_(T::guide_why_answers));
    for (const elig::GuideAnswer& a : q.answers) wrapped_text("\xE2\x80\xA2 " + text_.format(T::guide_answer_then, {answer_words(q, a), then_words(a)}));
    ImGui::PopTextWrapPos();
    ImGui::TreePop();
}

void App::draw_guide_stop()
{
    const GuideStop stop = guide_stop();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(fonts_.bold, kBaseFontSize * 1.25f);
    wrapped_text(status_color(stop.status), std::string(status_icon(stop.status)) + " " + stop.title);
    ImGui::PopFont();
    locator_.item("guide:stop");
    wrapped_text(stop.text);
    for (const GuideStopItem& item : stop.items) wrapped_text("\xE2\x80\xA2 " + item.text);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    std::string chosen;
    struct Button {
        const char* key;
        const char* label;
        const char* action;
        bool shown, enabled;
    };
    const Button buttons[] = {
        {"guide:again", text_(T::guide_ask_again), "guide:again", guidance_->state == elig::GuideState::unanswered, true},
        {"guide:save", text_(T::save_screening), "save", true, true},
        {"guide:copy", text_(T::copy_summary), "copy", true, true},
        {"guide:print", text_(T::print), "print", true, true},
        {"guide:back_stop", text_(T::guide_back), "guide:back", true, !guide_steps_.empty()},
    };
    bool first = true;
    for (const Button& b : buttons) {
        if (!b.shown) continue;
        ImGui::BeginDisabled(!b.enabled);
        if (answer_button(b.label, false, style_.touch, first, ImGui::GetFontSize() * 6)) chosen = b.action;
        ImGui::EndDisabled();
        locator_.item(b.key);
    }
    // The deciding sentences of the registry, verbatim, a tap away: on a
    // phone they would push the buttons off the screen.
    for (size_t i = 0; i < stop.items.size(); ++i) {
        const GuideStopItem& item = stop.items[i];
        if (item.source.empty()) continue;
        ImGui::PushID(static_cast<int>(i));
        if (wrapped_tree_node(text_(T::protocol_sentence), "source")) {
            ImGui::PushTextWrapPos(0.0f);
            wrapped_text(kMutedColor, "\xE2\x80\x9C" + item.source + "\xE2\x80\x9D");
            if (!item.translation.empty()) wrapped_text(kMutedColor, translation_words(item.translation));
            ImGui::PopTextWrapPos();
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    if (!chosen.empty()) action(chosen);
}

} // namespace app

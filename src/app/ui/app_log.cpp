// The screening log in the page: its toolbar, the table (sorted, filtered,
// searched, clipped to what is on screen), the attrition chart drawn with
// Dear ImGui's draw lists, and the same words for the DOM layer. The rows
// and counts are LogBook's (log_book.h); a row opens in the calculator and
// its edits update it.
#include "app/ui/app.h"

#include "app/ui/theme.h"
#include "app/ui/verdict_panel.h"
#include "app/ui/widgets.h"
#include "core/base/stable_order.h"
#include "core/records/record_reader.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace app {

namespace {

constexpr elig::Status kVerdicts[] = {elig::Status::fail, elig::Status::pass, elig::Status::unknown, elig::Status::review};

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }


} // namespace

LogBook& App::log()
{
    if (!log_) {
        log_ = std::make_unique<LogBook>(trial_);
        log_->set_words(*shown_);
    }
    return *log_;
}

std::string App::log_percent(long n)
{
    const long all = log().summary().assessed;
    return std::to_string(all ? static_cast<long>(std::lround(100.0 * static_cast<double>(n) / static_cast<double>(all))) : 0) + "%";
}

// A file while the log is shown: a log of records, a saved record, or a
// FHIR file of one patient (through the importer's rules, as of today).
void App::log_file(const std::string& name, std::string text)
{
    const bool fhir = looks_like_fhir(text);
    if (fhir) {
        if (!ensure_mapping()) return;
        elig::FhirImportOptions options;
        options.as_of = *elig::parse_iso_date(platform_.today());
        const elig::FhirImportResult result = elig::import_fhir(text, trial_, *mapping_, options);
        if (!result.ok()) {
            std::string why;
            for (const elig::FhirImportError& e : result.errors) why += (why.empty() ? "" : "; ") + fhir_error_words(e);
            log().add_error(name, 0, why);
            publish_form_ = true;
            return;
        }
        log().add(result.record_json, name);
    } else {
        // Saved here, a log's name says under which criteria: "screening-log-<version>.ndjson".
        const std::string prefix = "screening-log-", suffix = ".ndjson";
        if (starts_with(name, prefix) && name.size() > prefix.size() + suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            const std::string saved = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
            if (saved != trial_.version) log_notices_.push_back(text_.format(T::log_other_version, {name, saved, trial_.version}));
        }
        // NDJSON over 16 MB (some 11,000 patients) is read over frames, with
        // its progress; less is read at once, in under a second (10,000
        // patients: 0.87 s in headless Chromium, bench/web_log_scale.mjs).
        if (text.size() > log_read_at_once_ && elig::detect_log_format(text) == elig::LogFormat::ndjson) {
            log_job_ = LogJob{name, std::move(text), 0, 0};
            open_dialog({text_(T::log_reading_title), text_.format(T::log_reading, {name, "0"}), {{"dialog_cancel", text_(T::cancel), "button:cancel"}}, "dialog_cancel", 0.0});
            return;
        }
        log().read(name, text);
    }
    publish_form_ = true;
}

// Reads on for about `budget_ms`, in pieces cut at line breaks (a piece of
// NDJSON is NDJSON); true once the whole file is read.
bool App::advance_log_job(double budget_ms)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point until = Clock::now() + std::chrono::microseconds(static_cast<long long>(budget_ms * 1000));
    LogJob& job = *log_job_;
    const std::string_view text(job.text);
    do {
        size_t end = std::min(text.size(), job.offset + (64u << 10));
        if (end < text.size()) {
            const size_t newline = text.find('\n', end);
            end = newline == std::string_view::npos ? text.size() : newline + 1;
        }
        const std::string_view piece = text.substr(job.offset, end - job.offset);
        log().read_ndjson_part(job.name, piece, job.line);
        job.line += static_cast<size_t>(std::count(piece.begin(), piece.end(), '\n'));
        job.offset = end;
    } while (job.offset < text.size() && Clock::now() < until);
    publish_form_ = true;  // the progress; the rows once they are all read
    if (job.offset < text.size()) {
        if (dialog_) {
            dialog_->progress = static_cast<double>(job.offset) / static_cast<double>(text.size());
            dialog_->text = text_.format(T::log_reading, {job.name, std::to_string(log().size())});
        }
        return false;
    }
    log_job_.reset();
    close_dialog();
    return true;
}

void App::open_log_row(size_t row)
{
    if (row >= log().size()) return;
    elig::Record record;
    std::vector<elig::InputError> problems;
    if (!reader_->read(log().row(row).record_json, record, problems)) return;
    form_.load(record);
    imported_.clear();
    reset_guide();
    log_row_ = static_cast<int>(row);
    log_open_ = false;
    dirty_ = true;
}

void App::log_action(const std::string& name)
{
    const std::string version = shown_->version;
    if (name == "log:open") log_open_ = true;
    else if (name == "log:back") log_open_ = false;
    else if (name == "log:add") {
        if (errors_.empty() && log().add(form_.record_json(false))) log_row_ = -1;
    } else if (name == "log:load") platform_.open_file_picker();
    else if (name == "log:save") {
        platform_.download("screening-log-" + version + ".ndjson", log().ndjson());
        log().saved();
    } else if (name == "log:csv") platform_.download("screening-log-" + version + ".csv", log().csv(*shown_));
    else if (name == "log:print") platform_.print();
    else if (name == "log:undo") log().undo_remove();
    else if (starts_with(name, "log:remove:")) {
        const size_t row = static_cast<size_t>(std::atol(name.c_str() + 11));
        if (log_row_ == static_cast<int>(row)) log_row_ = -1;
        else if (log_row_ > static_cast<int>(row)) --log_row_;
        log().remove(row);
    } else if (starts_with(name, "log:row:")) open_log_row(static_cast<size_t>(std::atol(name.c_str() + 8)));
    else if (starts_with(name, "log:earlier:")) log().move_in_attrition_order(std::atoi(name.c_str() + 12), -1);
    else if (starts_with(name, "log:later:")) log().move_in_attrition_order(std::atoi(name.c_str() + 10), +1);
    else if (starts_with(name, "log:verdict:")) log().set_verdict_filter(std::atoi(name.c_str() + 12));
    else if (starts_with(name, "log:criterion:")) log().set_criterion_filter(std::atoi(name.c_str() + 14));
    else if (starts_with(name, "log:search:")) log().set_search(log_search_ = name.substr(11));
    else if (starts_with(name, "log:sort:")) {
        // "log:sort:<column>:<1 ascending | 0 descending>"
        const int column = std::atoi(name.c_str() + 9);
        const size_t colon = name.find(':', 9);
        if (column >= 0 && column <= static_cast<int>(LogBook::Column::changed) && colon != std::string::npos)
            log().set_sort(static_cast<LogBook::Column>(column), name[colon + 1] == '1');
    }
    publish_form_ = true;
    frames_wanted_ = std::max(frames_wanted_, 2);
}

// ---- Drawing ------------------------------------------------------------------

void App::draw_log_toolbar()
{
    struct Button {
        const char* key;
        T label;
        const char* action;
        bool enabled;
    };
    const Button buttons[] = {
        {"log:back", T::log_back, "log:back", true},
        {"log:add", T::log_add, "log:add", errors_.empty()},
        {"log:load", T::log_open, "log:load", true},
        {"log:save", T::log_save, "log:save", log().size() > 0},
        {"log:csv", T::log_csv, "log:csv", log().size() > 0},
        {"log:print", T::log_print, "log:print", log().size() > 0},
        {"log:undo", T::log_undo, "log:undo", log().can_undo()},
    };
    const float right = ImGui::GetContentRegionAvail().x + ImGui::GetCursorScreenPos().x;
    bool first = true;
    std::string chosen;
    for (const Button& b : buttons) {
        const float width = ImGui::CalcTextSize(text_(b.label)).x + ImGui::GetStyle().FramePadding.x * 2;
        if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
        first = false;
        if (toolbar_button(b.key, text_(b.label), b.label == T::log_add ? text_(T::log_add_tip) : b.label == T::log_open ? text_(T::log_open_tip) : nullptr,
                           b.enabled, false))
            chosen = b.action;
    }
    if (!chosen.empty()) action(chosen);
}

void App::draw_log(bool narrow)
{
    draw_log_toolbar();
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(kMutedColor, text_(T::log_label_note));
    ImGui::PopTextWrapPos();
    LogBook& book = log();
    ImGui::PushTextWrapPos(0.0f);
    for (const std::string& notice : log_notices_) wrapped_text(kErrorColor, notice);
    ImGui::PopTextWrapPos();
    if (!book.errors().empty()) {
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(kErrorColor, text_.format(T::log_errors, {std::to_string(book.errors().size())}));
        for (size_t e = 0; e < book.errors().size() && e < 20; ++e)
            wrapped_text(kErrorColor, "\xE2\x80\xA2 " + text_.format(T::log_error_item, {book.error_files()[e], std::to_string(book.errors()[e].line), book.errors()[e].message}));
        ImGui::PopTextWrapPos();
        locator_.item("log:errors");
    }
    if (book.size() == 0) {
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(text_(T::log_empty));
        ImGui::PopTextWrapPos();
        return;
    }
    // Filters: by verdict, by excluding criterion.
    const float combo = narrow ? ImGui::GetContentRegionAvail().x : std::min(ImGui::GetFontSize() * 14, ImGui::GetContentRegionAvail().x);
    ImGui::SetNextItemWidth(combo);
    const int verdict = book.verdict_filter(), criterion = book.criterion_filter();
    const char* verdict_label = verdict < 0 ? text_(T::log_filter_all) : verdict_words(text_, static_cast<elig::Status>(verdict));
    std::string chosen;
    if (ImGui::BeginCombo("##verdict", verdict_label)) {
        if (ImGui::Selectable(text_(T::log_filter_all), verdict < 0)) chosen = "log:verdict:-1";
        for (elig::Status s : kVerdicts)
            if (ImGui::Selectable(verdict_words(text_, s), verdict == static_cast<int>(s))) chosen = "log:verdict:" + std::to_string(static_cast<int>(s));
        ImGui::EndCombo();
    }
    locator_.item("log:verdict");
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(combo);
    if (ImGui::BeginCombo("##criterion", criterion < 0 ? text_(T::log_criterion_all) : shown_->criteria[static_cast<size_t>(criterion)].title.c_str())) {
        if (ImGui::Selectable(text_(T::log_criterion_all), criterion < 0)) chosen = "log:criterion:-1";
        for (size_t c = 0; c < shown_->criteria.size(); ++c)
            if (ImGui::Selectable(shown_->criteria[c].title.c_str(), criterion == static_cast<int>(c))) chosen = "log:criterion:" + std::to_string(c);
        ImGui::EndCombo();
    }
    locator_.item("log:criterion");
    if (!chosen.empty()) action(chosen);
    if (!narrow) ImGui::SameLine();
    // Typed in its DOM control (as the form's fields are); the canvas shows it.
    if (text_box("##search", log_search_, text_(T::log_col_label), std::min(ImGui::GetFontSize() * 12, ImGui::GetContentRegionAvail().x), locator_.focus() == "log:search", 0, false))
        platform_.focus_control("log:search");
    locator_.item("log:search");
    const std::vector<size_t>& shown = book.visible();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kMutedColor, "%s", text_.format(T::log_shown, {std::to_string(shown.size()), std::to_string(book.size())}).c_str());
    if (narrow) {
        draw_log_table(ImGui::GetContentRegionAvail().y * 0.55f, true);
        draw_log_chart();
        return;
    }
    const float table_width = ImGui::GetContentRegionAvail().x * 0.6f;
    if (ImGui::BeginChild("log_table", ImVec2(table_width, 0))) draw_log_table(0, false);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("log_chart", ImVec2(0, 0), ImGuiChildFlags_Borders)) draw_log_chart();
    ImGui::EndChild();
    locator_.item("log:chart");
}

// On a phone: the label, the verdict, what excludes, and Remove; the date,
// the missing count and the changed mark are a tap away (the row opens).
void App::draw_log_table(float height, bool narrow)
{
    LogBook& book = log();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("log", 7, flags, ImVec2(0, height))) return;
    const T headers[] = {T::log_col_label, T::log_col_date, T::log_col_verdict, T::log_col_excluded, T::log_col_missing, T::log_col_changed};
    for (size_t c = 0; c < std::size(headers); ++c) {
        const bool hidden = narrow && (c == 1 || c == 4 || c == 5);
        ImGui::TableSetupColumn(text_(headers[c]), (c == 3 ? ImGuiTableColumnFlags_WidthStretch : 0) | (hidden ? ImGuiTableColumnFlags_Disabled | ImGuiTableColumnFlags_DefaultHide : 0),
                                c == 3 ? 3.0f : 1.0f);
    }
    ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsDirty && sort->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& spec = sort->Specs[0];
        action("log:sort:" + std::to_string(spec.ColumnIndex) + ":" + (spec.SortDirection == ImGuiSortDirection_Ascending ? "1" : "0"));
        sort->SpecsDirty = false;
    }
    const std::vector<size_t>& shown = book.visible();
    std::string chosen;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const size_t index = shown[static_cast<size_t>(i)];
            const LogRow& row = book.row(index);
            ImGui::PushID(static_cast<int>(index));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string key = "log:row:" + std::to_string(index);
            // A row is a thumb's height on a touch screen (a touch frame is).
            if (ImGui::Selectable(row.label.empty() ? "\xE2\x80\x94" : row.label.c_str(), log_row_ == static_cast<int>(index),
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap, ImVec2(0, style_.touch ? ImGui::GetFrameHeight() : 0)))
                chosen = key;
            locator_.item(key);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.date.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(status_color(row.overall), "%s %s", status_icon(row.overall), verdict_chip_words(text_, row.overall));
            ImGui::TableNextColumn();
            std::string excluded;
            for (size_t c = 0; c < row.criteria.size(); ++c)
                if (row.criteria[c] == elig::Status::fail) {
                    if (!excluded.empty()) shown_->messages.append(excluded, elig::Msg::list_separator);
                    excluded += shown_->criteria[c].title;
                }
            ImGui::TextUnformatted(excluded.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", row.missing.size());
            if (!row.missing.empty() && ImGui::BeginItemTooltip()) {
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
                for (int f : row.missing) wrapped_text(shown_->field(f).label);
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            if (row.changed) ImGui::TextUnformatted(text_(T::yes));
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(text_(T::log_remove))) chosen = "log:remove:" + std::to_string(index);
            locator_.item("log:remove:" + std::to_string(index));
            ImGui::PopID();
        }
    ImGui::EndTable();
    locator_.item("log:table");
    if (!chosen.empty()) action(chosen);
}

// Labelled bars with counts and percentages, in both languages: CONSORT's
// boxes, a bar per criterion (excluded, and unknown beside it), the
// sequential attrition in protocol order, and what waiving one would give.
App::LogChart App::log_chart()
{
    LogChart chart;
    const elig::LogSummary& s = log().summary();
    const std::vector<long>& missing = log().missing_counts();
    chart.assessed = s.assessed;
    chart.headings = {text_(T::log_chart_title), text_.format(T::log_chart_assessed, {std::to_string(s.assessed)}), text_(T::log_chart_by_criterion),
                      text_(T::log_chart_sequential), text_(T::log_chart_waived)};
    const std::pair<elig::Status, long> boxes[] = {{elig::Status::fail, s.ineligible}, {elig::Status::unknown, s.incomplete}, {elig::Status::review, s.review}, {elig::Status::pass, s.eligible}};
    for (const auto& [status, n] : boxes) {
        std::string line = text_.format(T::log_chart_box, {verdict_words(text_, status), std::to_string(n), log_percent(n)});
        if (status == elig::Status::unknown && n > 0) {
            // What is missing most often: the three fields most rows lack.
            std::vector<int> order(missing.size());
            for (size_t f = 0; f < order.size(); ++f) order[f] = static_cast<int>(f);
            elig::stable_sort_by_key(order, [&](int f) { return -static_cast<int64_t>(missing[static_cast<size_t>(f)]); });  // most first, ties in dictionary order
            std::string fields;
            for (size_t i = 0; i < 3 && i < order.size() && missing[static_cast<size_t>(order[i])] > 0; ++i) {
                if (!fields.empty()) shown_->messages.append(fields, elig::Msg::list_separator);
                fields += shown_->field(order[i]).label;
            }
            if (!fields.empty()) line += " \xC2\xB7 " + text_.format(T::log_chart_most_missing, {fields});
        }
        chart.boxes.push_back({line, n, 0, status});
    }
    for (size_t c = 0; c < s.criteria.size(); ++c) {
        const elig::CriterionCounts& k = s.criteria[c];
        const std::string& title = shown_->criteria[c].title;
        if (k.fail || k.unknown)
            chart.by_criterion.push_back({text_.format(T::log_chart_bar, {title, std::to_string(k.fail), log_percent(k.fail), std::to_string(k.unknown)}), k.fail, k.unknown, elig::Status::fail});
        if (k.waived_eligible) chart.waived.push_back({text_.format(T::log_chart_waived_bar, {title, std::to_string(k.waived_eligible)}), k.waived_eligible, 0, elig::Status::pass});
    }
    // In the reader's order (protocol order until changed): each excluded
    // patient at the first criterion of it that excludes them. Every
    // criterion that excludes anyone is listed, so that any can be moved.
    const std::vector<long>& first = log().first_fail_in_order();
    for (int c : log().attrition_order()) {
        if (!s.criteria[static_cast<size_t>(c)].fail) continue;
        const long n = first[static_cast<size_t>(c)];
        chart.sequential.push_back({text_.format(T::log_chart_seq_bar, {shown_->criteria[static_cast<size_t>(c)].title, std::to_string(n), log_percent(n)}), n, 0,
                                    elig::Status::fail, c});
    }
    return chart;
}

namespace {

// The unknown beside the excluded, lighter.
ImVec4 log_unknown_color()
{
    ImVec4 color = status_color(elig::Status::unknown);
    color.w = 0.45f;
    return color;
}

// A colour as CSS reads it, for the printed chart's bars.
std::string css_color(const ImVec4& c)
{
    char text[40];
    std::snprintf(text, sizeof text, "rgba(%d,%d,%d,%.2f)", static_cast<int>(std::lround(c.x * 255)), static_cast<int>(std::lround(c.y * 255)),
                  static_cast<int>(std::lround(c.z * 255)), static_cast<double>(c.w));
    return text;
}

} // namespace

void App::draw_log_chart()
{
    const LogChart chart = log_chart();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(fonts_.bold, 0.0f);
    wrapped_text(chart.headings[0]);
    ImGui::PopFont();
    wrapped_text(chart.headings[1]);
    for (const LogChart::Bar& box : chart.boxes) wrapped_text(status_color(box.status), box.text);
    ImGui::PopTextWrapPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float scale = chart.assessed ? width / static_cast<float>(chart.assessed) : 0;
    const ImVec4 unknown_color = log_unknown_color();
    std::string chosen;
    auto bars = [&](const std::string& heading, const std::vector<LogChart::Bar>& list, bool movable) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(kMutedColor, heading);
        ImGui::PopTextWrapPos();
        for (const LogChart::Bar& b : list) {
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float h = ImGui::GetFontSize() * 0.6f, first = static_cast<float>(b.n) * scale, second = static_cast<float>(b.unknown) * scale;
            draw->AddRectFilled(at, ImVec2(at.x + first, at.y + h), ImGui::GetColorU32(status_color(b.status)));
            if (second > 0) draw->AddRectFilled(ImVec2(at.x + first, at.y), ImVec2(at.x + first + second, at.y + h), ImGui::GetColorU32(unknown_color));
            ImGui::Dummy(ImVec2(width, h));
            if (movable) {
                // The order changed on the spot: this criterion earlier or later.
                ImGui::PushID(b.criterion);
                const std::string c = std::to_string(b.criterion);
                if (ImGui::SmallButton("\xE2\x96\xB2")) chosen = "log:earlier:" + c;
                locator_.item("log:earlier:" + c);
                ImGui::SetItemTooltip("%s", text_(T::log_chart_earlier));
                ImGui::SameLine();
                if (ImGui::SmallButton("\xE2\x96\xBC")) chosen = "log:later:" + c;
                locator_.item("log:later:" + c);
                ImGui::SetItemTooltip("%s", text_(T::log_chart_later));
                ImGui::SameLine();
                ImGui::PopID();
            }
            ImGui::PushTextWrapPos(0.0f);
            wrapped_text(b.text);
            ImGui::PopTextWrapPos();
        }
    };
    bars(chart.headings[2], chart.by_criterion, false);
    bars(chart.headings[3], chart.sequential, true);
    bars(chart.headings[4], chart.waived, false);
    if (!chosen.empty()) action(chosen);
}

// ---- For the DOM layer --------------------------------------------------------

void App::write_log_state(elig::JsonWriter& out)
{
    out.key("log").begin_object().key("open").value(log_open_);
    out.key("button").value(text_.format(T::log_button, {std::to_string(log_ ? log_->size() : 0)}));
    if (!log_) return void(out.end_object());
    LogBook& book = *log_;
    out.key("unsaved").value(book.unsaved()).key("can_undo").value(book.can_undo()).key("total").value(static_cast<double>(book.size()));
    if (log_row_ >= 0) out.key("editing").value(text_.format(T::log_editing, {std::to_string(log_row_ + 1)}));
    if (!log_open_ || log_job_) return void(out.end_object());  // rows and counts once a big file is read
    // The filters' choices, as the canvas's lists offer them.
    out.key("verdict").value(static_cast<double>(book.verdict_filter())).key("verdicts").begin_array();
    out.begin_object().key("value").value(-1.0).key("label").value(text_(T::log_filter_all)).end_object();
    for (elig::Status v : kVerdicts) out.begin_object().key("value").value(static_cast<double>(v)).key("label").value(verdict_words(text_, v)).end_object();
    out.end_array().key("criterion").value(static_cast<double>(book.criterion_filter())).key("criteria").begin_array();
    out.begin_object().key("value").value(-1.0).key("label").value(text_(T::log_criterion_all)).end_object();
    for (size_t c = 0; c < shown_->criteria.size(); ++c) out.begin_object().key("value").value(static_cast<double>(c)).key("label").value(shown_->criteria[c].title).end_object();
    out.end_array().key("search").value(log_search_);
    const std::vector<size_t>& shown = book.visible();
    out.key("shown").value(text_.format(T::log_shown, {std::to_string(shown.size()), std::to_string(book.size())}));
    // The rows a screen reader can walk: the first 200 of what the filters
    // and the sort show (the canvas clips to the screen; the search and the
    // filters reach the rest).
    out.key("rows").begin_array();
    for (size_t i = 0; i < shown.size() && i < 200; ++i) {
        const LogRow& row = book.row(shown[i]);
        out.begin_object().key("row").value(static_cast<double>(shown[i])).key("label").value(row.label).key("date").value(row.date);
        out.key("verdict").value(verdict_chip_words(text_, row.overall)).key("status").value(elig::status_name(row.overall));
        out.key("excluded").begin_array();
        for (size_t c = 0; c < row.criteria.size(); ++c)
            if (row.criteria[c] == elig::Status::fail) out.value(shown_->criteria[c].title);
        out.end_array().key("missing").begin_array();
        for (int f : row.missing) out.value(shown_->field(f).label);
        out.end_array().key("changed").value(row.changed).end_object();
    }
    out.end_array().key("errors").begin_array();
    for (const std::string& notice : log_notices_) out.value(notice);
    for (size_t e = 0; e < book.errors().size(); ++e)
        out.value(text_.format(T::log_error_item, {book.error_files()[e], std::to_string(book.errors()[e].line), book.errors()[e].message}));
    out.end_array();
    const elig::LogSummary& s = book.summary();
    out.key("summary").begin_object().key("assessed").value(static_cast<double>(s.assessed)).key("eligible").value(static_cast<double>(s.eligible));
    out.key("ineligible").value(static_cast<double>(s.ineligible)).key("incomplete").value(static_cast<double>(s.incomplete)).key("review").value(static_cast<double>(s.review));
    out.key("invalid").value(static_cast<double>(s.invalid())).key("criteria").begin_array();
    for (size_t c = 0; c < s.criteria.size(); ++c) {
        const elig::CriterionCounts& k = s.criteria[c];
        out.begin_object().key("id").value(shown_->criteria[c].id).key("title").value(shown_->criteria[c].title).key("fail").value(static_cast<double>(k.fail));
        out.key("unknown").value(static_cast<double>(k.unknown)).key("first_fail").value(static_cast<double>(k.first_fail)).key("waived_eligible").value(static_cast<double>(k.waived_eligible)).end_object();
    }
    out.end_array().end_object();
    // The chart in words, as the canvas labels its bars.
    const LogChart chart = log_chart();
    out.key("chart").begin_object().key("headings").begin_array();
    for (const std::string& h : chart.headings) out.value(h);
    out.end_array();
    for (const auto& [key, list] : {std::pair{"boxes", &chart.boxes}, {"by_criterion", &chart.by_criterion}, {"sequential", &chart.sequential}, {"waived", &chart.waived}}) {
        out.key(key).begin_array();
        for (const LogChart::Bar& b : *list) out.value(b.text);
        out.end_array();
    }
    // The bars as the canvas draws them, for the printed log: each one's
    // share of the patients assessed, and its colours.
    const double of = static_cast<double>(std::max(1L, chart.assessed));
    out.key("bars").begin_object();
    for (const auto& [key, list] : {std::pair{"by_criterion", &chart.by_criterion}, {"sequential", &chart.sequential}, {"waived", &chart.waived}}) {
        out.key(key).begin_array();
        for (const LogChart::Bar& b : *list)
            out.begin_object().key("share").value(static_cast<double>(b.n) / of).key("unknown").value(static_cast<double>(b.unknown) / of).key("color").value(css_color(status_color(b.status))).end_object();
        out.end_array();
    }
    out.key("unknown_color").value(css_color(log_unknown_color())).end_object();
    out.key("sequential_criteria").begin_array();
    for (const LogChart::Bar& b : chart.sequential) out.value(b.criterion);
    out.end_array().key("earlier").value(text_(T::log_chart_earlier)).key("later").value(text_(T::log_chart_later));
    out.end_object();
    out.end_object();
}

} // namespace app

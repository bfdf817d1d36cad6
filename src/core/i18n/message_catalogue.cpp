#include "core/i18n/message_catalogue.h"

#include "core/json/json_dom.h"

#include <algorithm>

namespace elig {

using json = Json;

namespace {

bool is_name_char(char c, bool first) { return (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9'); }

// The placeholder starting at text[at] ("{name}"), or an empty view.
std::string_view placeholder_at(std::string_view text, size_t at)
{
    if (text[at] != '{') return {};
    size_t end = at + 1;
    while (end < text.size() && is_name_char(text[end], end == at + 1)) ++end;
    if (end == at + 1 || end >= text.size() || text[end] != '}') return {};
    return text.substr(at + 1, end - at - 1);
}

} // namespace

std::vector<std::string> template_placeholders(std::string_view text)
{
    std::vector<std::string> names;
    for (size_t at = 0; at < text.size(); ++at)
        if (const std::string_view name = placeholder_at(text, at); !name.empty()) {
            names.emplace_back(name);
            at += name.size() + 1;
        }
    return names;
}

namespace {

// The table's entry for each spec, in spec order (null where missing),
// reporting keys that are not a spec's. Keys are matched through a sorted
// index: a language file has hundreds of them.
std::vector<const json*> match_keys(const json& table, std::span<const MessageCatalogue::Spec> specs, const std::string& base, std::vector<LoadError>& errors)
{
    std::vector<std::pair<std::string_view, size_t>> index;
    index.reserve(specs.size());
    for (size_t i = 0; i < specs.size(); ++i) index.emplace_back(specs[i].key, i);
    std::sort(index.begin(), index.end());
    std::vector<const json*> entries(specs.size(), nullptr);
    for (auto it = table.begin(); it != table.end(); ++it) {
        const std::string_view key = it.key();
        auto found = std::lower_bound(index.begin(), index.end(), key, [](const auto& entry, std::string_view k) { return entry.first < k; });
        if (found == index.end() || found->first != key) errors.push_back({base + "/" + pointer_token(it.key()), "unknown message key \"" + it.key() + "\""});
        else if (!entries[found->second]) entries[found->second] = &it.value();
    }
    return entries;
}

} // namespace

bool MessageCatalogue::load(const json& root, std::string_view section, std::span<const Spec> specs, std::vector<LoadError>& errors)
{
    const size_t errors_before = errors.size();
    const std::string base = "/" + pointer_token(section);
    auto found = root.is_object() ? root.find(std::string(section)) : root.end();
    if (!root.is_object() || found == root.end() || !found->is_object()) {
        errors.push_back({base, "missing the \"" + std::string(section) + "\" messages (an object of key to text)"});
        return false;
    }
    const std::vector<const json*> entries = match_keys(*found, specs, base, errors);
    MessageCatalogue compiled;
    // The paths only for errors: a language has hundreds of messages.
    const auto path = [&](size_t i) { return base + "/" + pointer_token(specs[i].key); };
    for (size_t i = 0; i < specs.size(); ++i) {
        if (!entries[i] || !entries[i]->is_string()) {
            errors.push_back({path(i), !entries[i] ? "missing" : std::string("expected a string, found ") + json_type_name(*entries[i])});
            compiled.messages_.emplace_back();
            continue;
        }
        compiled.add(specs[i], entries[i]->get_ref<const std::string&>(), [&] { return path(i); }, errors);
    }
    if (errors.size() != errors_before) return false;
    *this = std::move(compiled);
    return true;
}

// Splits `text` into literal pieces and placeholders, checking each
// placeholder against the spec's parameters.
void MessageCatalogue::add(const Spec& spec, const std::string& text, const std::function<std::string()>& path, std::vector<LoadError>& errors)
{
    Message message;
    message.first_piece = static_cast<uint32_t>(pieces_.size());
    message.text_begin = static_cast<uint32_t>(storage_.size());
    message.text_length = static_cast<uint32_t>(text.size());
    storage_ += text;
    Piece piece{message.text_begin, 0, -1};
    for (size_t at = 0; at < text.size(); ++at) {
        const std::string_view name = placeholder_at(text, at);
        if (name.empty()) {
            ++piece.length;
            continue;
        }
        int param = -1;
        for (size_t p = 0; p < spec.params.size(); ++p)
            if (!spec.params[p].empty() && spec.params[p] == name) param = static_cast<int>(p);
        if (param < 0) {
            std::string allowed;
            for (std::string_view p : spec.params)
                if (!p.empty()) allowed += (allowed.empty() ? "{" : ", {") + std::string(p) + "}";
            errors.push_back({path(), "unknown placeholder {" + std::string(name) + "}" + (allowed.empty() ? " (this message takes none)" : " (this message takes " + allowed + ")")});
        }
        piece.param = param;
        pieces_.push_back(piece);
        piece = Piece{message.text_begin + static_cast<uint32_t>(at + name.size() + 2), 0, -1};
        at += name.size() + 1;
    }
    pieces_.push_back(piece);
    message.piece_count = static_cast<uint32_t>(pieces_.size()) - message.first_piece;
    messages_.push_back(message);
}

void MessageCatalogue::append(std::string& out, size_t id, std::initializer_list<std::string_view> args) const
{
    ELIG_ASSERT(id < messages_.size());
    const Message& message = messages_[id];
    for (uint32_t p = 0; p < message.piece_count; ++p) {
        const Piece& piece = pieces_[message.first_piece + p];
        out.append(storage_, piece.begin, piece.length);
        if (piece.param >= 0 && static_cast<size_t>(piece.param) < args.size()) out += *(args.begin() + piece.param);
    }
}

std::string MessageCatalogue::format(size_t id, std::initializer_list<std::string_view> args) const
{
    std::string out;
    append(out, id, args);
    return out;
}

std::string_view MessageCatalogue::text(size_t id) const
{
    ELIG_ASSERT(id < messages_.size());
    return std::string_view(storage_).substr(messages_[id].text_begin, messages_[id].text_length);
}

} // namespace elig

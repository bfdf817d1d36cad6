// A language's sentences as data: templates with named placeholders,
// "{value} is below the required {threshold}", read from a language file
// (i18n/<language>.json) and compiled once, so writing a sentence is a
// copy of its pieces. Which keys exist, and which placeholders each may use,
// is fixed by the code (a table of specs); a language file missing a key,
// naming an unknown one or using a placeholder its key does not have is
// refused with the JSON pointer of the problem.
//
// Example:
//   static constexpr MessageCatalogue::Spec kSpecs[] = {{"greeting", {"name"}}};
//   MessageCatalogue catalogue;
//   std::vector<LoadError> errors;
//   catalogue.load(root, "app", kSpecs, errors);       // root["app"]["greeting"] = "Hello, {name}!"
//   std::string out;
//   catalogue.append(out, 0, {"Wuhan"});                // "Hello, Wuhan!"
#pragma once
#include "core/base/assert.h"
#include "core/base/load_error.h"

#include "core/json/json_value.h"

#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

class MessageCatalogue {
public:
    struct Spec {
        std::string_view key;
        std::array<std::string_view, 6> params{};  // placeholder names, in argument order
    };

    // Reads root[section][spec.key] for every spec. On errors nothing is kept.
    bool load(const Json& root, std::string_view section, std::span<const Spec> specs, std::vector<LoadError>& errors);

    // Appends message `id` (an index into the specs) with its placeholders
    // replaced by `args`, given in the spec's order.
    void append(std::string& out, size_t id, std::initializer_list<std::string_view> args = {}) const;
    std::string format(size_t id, std::initializer_list<std::string_view> args = {}) const;
    // The template as written: for messages without placeholders.
    std::string_view text(size_t id) const;
    bool empty() const { return messages_.empty(); }

private:
    struct Piece {
        uint32_t begin = 0, length = 0;  // literal text in storage_
        int param = -1;                  // then this argument, if >= 0
    };
    struct Message {
        uint32_t first_piece = 0, piece_count = 0;
        uint32_t text_begin = 0, text_length = 0;
    };
    std::string storage_;
    std::vector<Piece> pieces_;
    std::vector<Message> messages_;

    // `path` says where the text is, for an error.
    void add(const Spec& spec, const std::string& text, const std::function<std::string()>& path, std::vector<LoadError>& errors);
};

// The placeholders a template uses, in order of appearance ("{label} {date}"
// gives label, date): for checking that translations keep them.
std::vector<std::string> template_placeholders(std::string_view text);

} // namespace elig

// The first stage of loading a criteria file: reading typed members out of
// its JSON objects. Every problem is collected with the JSON pointer of
// where it is (cel-cpp's IssueReporter pattern), so that one run reports
// everything there is to fix; a getter that finds a problem reports it and
// returns an empty value, and loading carries on.
//
// Example:
//   std::vector<LoadError> errors;
//   CriteriaReader reader(errors);
//   reader.only_keys(field, "/fields/3", {"id", "label"});      // "/fields/3/colour: unknown key ..."
//   const std::string id = reader.text_member(field, "id", "/fields/3");  // required, not empty
//   if (reader.has_errors()) return;                              // every problem is in `errors`
#pragma once
#include "core/base/load_error.h"
#include "core/base/text.h"

#include "core/json/json_value.h"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

class CriteriaReader {
public:
    explicit CriteriaReader(std::vector<LoadError>& errors) : errors_(errors) {}

    void error(std::string path, std::string message) { errors_.push_back({std::move(path), std::move(message)}); }
    bool has_errors() const { return !errors_.empty(); }

    // The member `key` of `object` (at `path`), or nullptr; a missing
    // required one is reported.
    const Json* member(const Json& object, const char* key, const std::string& path, bool required);
    std::string string_member(const Json& object, const char* key, const std::string& path, bool required);
    std::string text_member(const Json& object, const char* key, const std::string& path);  // required, not empty
    bool number_member(const Json& object, const char* key, const std::string& path, bool required, double& out);
    bool bool_member(const Json& object, const char* key, const std::string& path, bool fallback);
    const Json* array_member(const Json& object, const char* key, const std::string& path, bool required);
    bool expect_object(const Json& value, const std::string& path);

    // Typos in key names must not pass silently: each other key is reported.
    void only_keys(const Json& object, const std::string& path, std::span<const char* const> allowed);
    void only_keys(const Json& object, const std::string& path, std::initializer_list<const char*> allowed)
    {
        only_keys(object, path, std::span<const char* const>(allowed.begin(), allowed.size()));
    }

private:
    std::vector<LoadError>& errors_;
};

// Lower-case letters, digits and _, not starting with a digit, 1 to 64 long.
bool is_identifier(const std::string& id);
// "a, b, c": for messages listing what was expected.
std::string comma_list(std::span<const char* const> names);

} // namespace elig

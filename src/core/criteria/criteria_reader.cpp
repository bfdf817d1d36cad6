#include "core/criteria/criteria_reader.h"

#include "core/json/json_dom.h"

namespace elig {


bool is_identifier(const std::string& id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return !(id[0] >= '0' && id[0] <= '9');
}

std::string comma_list(std::span<const char* const> names)
{
    std::string list;
    for (const char* name : names) list += (list.empty() ? "" : ", ") + std::string(name);
    return list;
}

const Json* CriteriaReader::member(const Json& object, const char* key, const std::string& path, bool required)
{
    auto it = object.find(key);
    if (it == object.end()) {
        if (required) error(path, "missing required key " + in_quotes(key));
        return nullptr;
    }
    return &*it;
}

std::string CriteriaReader::string_member(const Json& object, const char* key, const std::string& path, bool required)
{
    const Json* value = member(object, key, path, required);
    if (!value) return {};
    if (!value->is_string()) {
        error(path + "/" + key, std::string("expected a string, found ") + json_type_name(*value));
        return {};
    }
    return value->get<std::string>();
}

std::string CriteriaReader::text_member(const Json& object, const char* key, const std::string& path)
{
    std::string text = string_member(object, key, path, true);
    if (object.contains(key) && object[key].is_string() && text.empty())
        error(path + "/" + key, "must not be empty");
    return text;
}

bool CriteriaReader::number_member(const Json& object, const char* key, const std::string& path, bool required, double& out)
{
    const Json* value = member(object, key, path, required);
    if (!value) return false;
    if (!value->is_number()) {
        error(path + "/" + key, std::string("expected a number, found ") + json_type_name(*value));
        return false;
    }
    out = value->get<double>();
    return true;
}

bool CriteriaReader::bool_member(const Json& object, const char* key, const std::string& path, bool fallback)
{
    const Json* value = member(object, key, path, false);
    if (!value) return fallback;
    if (!value->is_boolean()) {
        error(path + "/" + key, std::string("expected true or false, found ") + json_type_name(*value));
        return fallback;
    }
    return value->get<bool>();
}

const Json* CriteriaReader::array_member(const Json& object, const char* key, const std::string& path, bool required)
{
    const Json* value = member(object, key, path, required);
    if (value && !value->is_array()) {
        error(path + "/" + key, std::string("expected an array, found ") + json_type_name(*value));
        return nullptr;
    }
    return value;
}

bool CriteriaReader::expect_object(const Json& value, const std::string& path)
{
    if (value.is_object()) return true;
    error(path, std::string("expected an object, found ") + json_type_name(value));
    return false;
}

void CriteriaReader::only_keys(const Json& object, const std::string& path, std::span<const char* const> allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char* key : allowed) known |= it.key() == key;
        if (!known) error(path + "/" + pointer_token(it.key()), "unknown key " + in_quotes(it.key()) + " (expected one of: " + comma_list(allowed) + ")");
    }
}

} // namespace elig

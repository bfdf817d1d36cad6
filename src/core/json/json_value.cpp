#include "core/json/json_value.h"

#include "core/base/assert.h"
#include "core/json/json_dom.h"

namespace elig {

Json Json::parse(std::string_view text)
{
    Json out;
    JsonDomError error;
    if (!parse_json_dom(text, out, error)) assertion_failed("Json::parse: the text is JSON", __FILE__, __LINE__);
    return out;
}

Json::const_iterator Json::find(std::string_view key) const
{
    if (type_ != Type::object) return end();
    for (size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == key) return {children_.data() + i, keys_.data() + i};
    return end();
}

const Json& Json::operator[](std::string_view key) const
{
    static const Json kNull;
    const const_iterator it = find(key);
    return it == end() ? kNull : *it;
}

std::string Json::value(std::string_view key, std::string_view fallback) const
{
    const Json& member = (*this)[key];
    return member.is_string() ? member.text_ : std::string(fallback);
}

Json Json::boolean(bool value)
{
    Json out;
    out.type_ = Type::boolean;
    out.boolean_ = value;
    return out;
}

Json Json::number(double value, std::string_view as_written)
{
    Json out;
    out.type_ = Type::number;
    out.number_ = value;
    // An integer as nlohmann types one: no fraction or exponent, and in range.
    out.integral_ = as_written.find_first_of(".eE") == std::string_view::npos && value >= -9.2e18 && value <= 9.2e18;
    return out;
}

Json Json::string(std::string value)
{
    Json out;
    out.type_ = Type::string;
    out.text_ = std::move(value);
    return out;
}

Json Json::object(size_t reserve)
{
    Json out;
    out.type_ = Type::object;
    out.children_.reserve(reserve);
    out.keys_.reserve(reserve);
    return out;
}

Json Json::array(size_t reserve)
{
    Json out;
    out.type_ = Type::array;
    out.children_.reserve(reserve);
    return out;
}

Json& Json::add_member(std::string key)
{
    ELIG_ASSERT(type_ == Type::object);
    keys_.push_back(std::move(key));
    return children_.emplace_back();
}

Json& Json::add_element()
{
    ELIG_ASSERT(type_ == Type::array);
    return children_.emplace_back();
}

} // namespace elig

// A JSON value as the loaders read it: criteria files, translations,
// language files and import mappings, each read once at start. Objects keep
// their members in the file's order (units, enum values, sections are
// listed in the order they are shown) and arrays their elements; strings
// are decoded, numbers kept as their value and as written. It is built by
// parse_json_dom (json_dom.h), which has already refused what is not JSON
// and a member given twice, so a Json holds no errors; it cannot be changed
// once built. The interface is the part of nlohmann/json's the loaders use,
// with the same names, so reading code reads the same; the page ships this
// small type instead of nlohmann's templates.
//
// Example:
//   Json root = Json::parse(R"({"units": {"g/L": 1, "g/dL": 10}, "id": "hb"})");
//   root["id"].get<std::string>();                     // "hb"
//   for (auto it = root["units"].begin(); it != root["units"].end(); ++it)
//       it.key(), it.value().get<double>();            // "g/L", 1; then "g/dL", 10
//   root.contains("label");                            // false
//   root.find("id") != root.end();                     // true
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

class Json {
public:
    enum class Type : uint8_t { null, boolean, number, string, object, array };

    // Members in order (objects: key() is the member's key) or elements.
    class const_iterator {
    public:
        const Json& operator*() const { return *value_; }
        const Json* operator->() const { return value_; }
        const Json& value() const { return *value_; }
        const std::string& key() const { return *key_; }  // objects only
        const_iterator& operator++()
        {
            ++value_;
            if (key_) ++key_;
            return *this;
        }
        bool operator==(const const_iterator& other) const { return value_ == other.value_; }
        bool operator!=(const const_iterator& other) const { return value_ != other.value_; }

    private:
        friend class Json;
        const_iterator(const Json* value, const std::string* key) : value_(value), key_(key) {}
        const Json* value_;
        const std::string* key_;
    };

    Json() = default;  // null

    // For JSON known to be valid (tests, examples): a text that is not JSON
    // stops the program. Files go through parse_json_dom and its errors.
    static Json parse(std::string_view text);

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::null; }
    bool is_boolean() const { return type_ == Type::boolean; }
    bool is_number() const { return type_ == Type::number; }
    bool is_number_integer() const { return type_ == Type::number && integral_; }  // written without . or e
    bool is_string() const { return type_ == Type::string; }
    bool is_object() const { return type_ == Type::object; }
    bool is_array() const { return type_ == Type::array; }

    // Members or elements; 0 for the others.
    size_t size() const { return children_.size(); }
    bool empty() const { return children_.empty(); }
    const_iterator begin() const { return {children_.data(), type_ == Type::object ? keys_.data() : nullptr}; }
    const_iterator end() const { return {children_.data() + children_.size(), nullptr}; }

    // Objects: the member `key`, or end().
    const_iterator find(std::string_view key) const;
    bool contains(std::string_view key) const { return find(key) != end(); }
    // The member `key` (a null value when it has none) or the element `index`.
    const Json& operator[](std::string_view key) const;
    const Json& operator[](size_t index) const { return children_[index]; }
    // The string member `key`, or `fallback` when there is none (or it is not a string).
    std::string value(std::string_view key, std::string_view fallback) const;

    // The value as T: std::string, double, long long (of an integer) or
    // bool. Asking a value for another type than it has gives T's empty
    // value (the loaders ask only after checking the type).
    template <typename T>
    T get() const;
    template <typename T>
    const std::string& get_ref() const { return text_; }  // strings: get_ref<const std::string&>()

    // Built by parse_json_dom from a read document.
    static Json null() { return Json(); }
    static Json boolean(bool value);
    static Json number(double value, std::string_view as_written);
    static Json string(std::string value);
    static Json object(size_t reserve);
    static Json array(size_t reserve);
    Json& add_member(std::string key);  // objects: appends a null member and returns it
    Json& add_element();                // arrays

private:
    std::vector<Json> children_;
    std::vector<std::string> keys_;  // objects: one per member
    std::string text_;               // strings
    double number_ = 0;
    Type type_ = Type::null;
    bool boolean_ = false;
    bool integral_ = false;
};

template <>
inline std::string Json::get<std::string>() const { return text_; }
template <>
inline double Json::get<double>() const { return number_; }
template <>
inline long long Json::get<long long>() const { return integral_ ? static_cast<long long>(number_) : 0; }
template <>
inline bool Json::get<bool>() const { return boolean_; }

} // namespace elig

#pragma once
/// \file
/// The short JSON answer of a command that writes one record. Scripts read
/// what a write did from it: the new record's number and a few named facts
/// (`{"id":42}`, `{"id":3,"milestone":2,"done":true}`). Whole records and
/// results have a render_json of their own beside their type; this is for
/// the answers that are just a handful of named values.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gov {

/// One named value of a receipt: null, a boolean, an integer or a text.
using receipt_value = std::variant<std::nullptr_t, bool, std::int64_t, std::string>;

/// The named values of a receipt, in the order they are written.
struct receipt {
    std::vector<std::pair<std::string, receipt_value>> fields;

    receipt() = default;
    receipt(std::initializer_list<std::pair<std::string, receipt_value>> f) : fields(f) {}

    receipt& add(std::string name, receipt_value v) {
        fields.emplace_back(std::move(name), std::move(v));
        return *this;
    }
    receipt& add(std::string name, std::int64_t v) {
        return add(std::move(name), receipt_value{v});
    }
    receipt& add(std::string name, int v) { return add(std::move(name), std::int64_t{v}); }
    receipt& add(std::string name, const char* v) { return add(std::move(name), std::string(v)); }
    /// An absent value is written as null.
    receipt& add(std::string name, const std::optional<std::int64_t>& v) {
        return v ? add(std::move(name), *v) : add(std::move(name), receipt_value{nullptr});
    }
};

/// How a receipt is laid out: on one line (`{"id":42}`) or indented by two
/// spaces, one field a line.
enum class json_layout { one_line, indented };

/// The receipt as a JSON object, ending in a newline; non-ASCII left
/// unescaped, invalid UTF-8 replaced by U+FFFD.
std::string render_json(const receipt& r, json_layout layout = json_layout::one_line);

}  // namespace gov

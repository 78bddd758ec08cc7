#pragma once
// The text package's offer to the other packages of libgov: the one trim
// with its named rules of whitespace, joining, escaping record text for
// HTML, the pieces every JSON document is written with, and the reader through which every import
// reads its file once, hashing it for the audit log. Every other header in libgov/src/text/ is the
// package's own.

#include <cstdint>
#include <functional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gov/text/sha256.hpp"
#include "gov/values/date.hpp"

namespace gov::detail {

/// What a trim removes, named for the text each rule is for. Each rule is
/// the whitespace that text carries by accident; none removes what could
/// be data there.
enum class whitespace {
    /// ' ' and '\t': a spreadsheet cell, a command-line value, a title.
    blanks,
    /// blanks and U+3000, the full-width space of Chinese input methods:
    /// words people type (tags, project fields).
    typed,
    /// blanks, '\r' and '\n': a value that may come with its line end
    /// (a roster filter pasted from a file).
    line_ends,
    /// line ends and U+3000: a choice typed into a spreadsheet cell or on
    /// the command line (a ballot's 同意, its proposal code, a ranking).
    choice,
    /// everything a spreadsheet leaves around a column's name: blanks, line
    /// ends, '\v', '\f', U+3000, the no-break space U+00A0 and a stray
    /// byte-order mark U+FEFF.
    header,
};

namespace trim_rules {

inline bool ascii_space(char c, whitespace rule) {
    switch (rule) {
        case whitespace::blanks:
        case whitespace::typed:
            return c == ' ' || c == '\t';
        case whitespace::line_ends:
        case whitespace::choice:
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        case whitespace::header:
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
    }
    return false;
}

/// The multi-byte spaces of a rule, in UTF-8.
inline const std::vector<std::string_view>& wide_spaces(whitespace rule) {
    static const std::vector<std::string_view> none, typed{"\xE3\x80\x80"},
        header{"\xE3\x80\x80", "\xC2\xA0", "\xEF\xBB\xBF"};
    return rule == whitespace::typed || rule == whitespace::choice ? typed
           : rule == whitespace::header                            ? header
                                                                   : none;
}

}  // namespace trim_rules

/// `s` without the whitespace of `rule` at either end.
inline std::string_view trim(std::string_view s, whitespace rule = whitespace::blanks) {
    while (!s.empty() && trim_rules::ascii_space(s.front(), rule)) s.remove_prefix(1);
    while (!s.empty() && trim_rules::ascii_space(s.back(), rule)) s.remove_suffix(1);
    if (!trim_rules::wide_spaces(rule).empty()) {
        // Wide spaces and ASCII ones may alternate: again until neither end changes.
        for (bool changed = true; changed && !s.empty();) {
            changed = false;
            for (std::string_view sp : trim_rules::wide_spaces(rule)) {
                if (s.starts_with(sp)) s.remove_prefix(sp.size()), changed = true;
                if (s.ends_with(sp)) s.remove_suffix(sp.size()), changed = true;
            }
            while (!s.empty() && trim_rules::ascii_space(s.front(), rule))
                s.remove_prefix(1), changed = true;
            while (!s.empty() && trim_rules::ascii_space(s.back(), rule))
                s.remove_suffix(1), changed = true;
        }
    }
    return s;
}

/// The items with `sep` between them ("a, b"); "" for none.
inline std::string joined(const std::vector<std::string>& items, std::string_view sep = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += items[i];
    }
    return out;
}

/// `text` safe inside HTML elements and attribute values: & < > " ' escaped.
inline std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// A streambuf that reads another one through a large buffer, hashing every
/// byte and reporting progress as it goes, so imports read their file once
/// and can record its SHA-256 in the audit log.
class hashing_reader : public std::streambuf {
  public:
    hashing_reader(std::streambuf& src, std::function<void(std::uint64_t)> on_read)
        : m_src(src), m_on_read(std::move(on_read)), m_buf(1 << 20) {}

    // The digest of the whole source: whatever the reader did not consume
    // is read (and hashed) first.
    std::string digest() {
        while (underflow() != traits_type::eof()) setg(egptr(), egptr(), egptr());
        return m_hash.finish();
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        std::streamsize n = m_src.sgetn(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        if (n <= 0) return traits_type::eof();
        m_hash.update(std::string_view(m_buf.data(), static_cast<std::size_t>(n)));
        m_total += static_cast<std::uint64_t>(n);
        if (m_on_read) m_on_read(m_total);
        setg(m_buf.data(), m_buf.data(), m_buf.data() + n);
        return traits_type::to_int_type(m_buf[0]);
    }

  private:
    std::streambuf& m_src;
    std::function<void(std::uint64_t)> m_on_read;
    std::vector<char> m_buf;
    sha256 m_hash;
    std::uint64_t m_total = 0;
};

// JSON documents keep their keys in the order written: scripts and golden
// files read them as written.
using ordered_json = nlohmann::ordered_json;

// A record's optional values in JSON: null when absent (an empty text is an
// absent one), dates and instants in the forms format_date and
// format_timestamp write.
inline ordered_json json_or_null(const std::string& s) {
    return s.empty() ? ordered_json(nullptr) : ordered_json(s);
}
inline ordered_json json_or_null(const std::optional<date>& d) {
    return d ? ordered_json(format_date(*d)) : ordered_json(nullptr);
}
inline ordered_json json_or_null(const std::optional<timestamp>& t) {
    return t ? ordered_json(format_timestamp(*t)) : ordered_json(nullptr);
}
template <class T>
ordered_json json_or_null(const std::optional<T>& v) {
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

// The text of a JSON document as gov writes every one: indented by `indent`
// spaces (-1: on one line), non-ASCII as it is, invalid UTF-8 (record text
// typed in another encoding) replaced by U+FFFD rather than refused, and a
// final newline.
inline std::string dump_json(const ordered_json& j, int indent = 2) {
    return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

// What an update changed, for scripts: {"id": N, "changes": [{"field",
// "from", "to"}, …]}; issue and project changes have the same shape.
template <class Change>
std::string changes_json(std::int64_t id, const std::vector<Change>& changes) {
    auto list = ordered_json::array();
    for (const auto& c : changes)
        list.push_back(
            {{"field", c.field}, {"from", json_or_null(c.from)}, {"to", json_or_null(c.to)}});
    return dump_json({{"id", id}, {"changes", list}});
}

}  // namespace gov::detail

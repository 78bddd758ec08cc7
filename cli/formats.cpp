#include "formats.hpp"

#include <algorithm>
#include <iterator>
#include <memory>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

// The vocabulary, in the order help and errors list words.
constexpr std::string_view vocabulary[] = {"table", "text",     "json", "csv",
                                           "jsonl", "markdown", "html", "ics"};

bool has(const std::vector<std::string_view>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

// `text` stands for `table` on a command that writes a table and no text.
bool text_is_table(const std::vector<std::string_view>& words) {
    return has(words, "table") && !has(words, "text");
}

// The words a command takes, in the vocabulary's order.
std::vector<std::string_view> taken(const std::vector<std::string_view>& words) {
    std::vector<std::string_view> out;
    for (auto w : vocabulary)
        if (has(words, w) || (w == "text" && text_is_table(words))) out.push_back(w);
    return out;
}

}  // namespace

const format_spec listing_formats{{"table", "json", "csv", "markdown"}, "table"};
const format_spec result_formats{{"text", "json"}, "text"};

std::string format_words(const std::vector<std::string_view>& words) {
    std::string out;
    for (auto w : taken(words)) {
        if (!out.empty()) out += ", ";
        out += w;
    }
    return out;
}

std::string format_refusal(std::string_view word, const std::vector<std::string_view>& words,
                           bool reads) {
    return fmt::format(
        fmt::runtime(reads ? tr("\"{}\" is not one this command reads; it reads: {}")
                           : tr("\"{}\" is not one this command writes; it writes: {}")),
        word, format_words(words));
}

CLI::Option* format_option(CLI::App& cmd, std::string& var, const format_spec& spec) {
    for (auto w : spec.words)
        if (std::find(std::begin(vocabulary), std::end(vocabulary), w) == std::end(vocabulary))
            throw internal_error(fmt::format("--format: \"{}\" is not in the vocabulary", w));
    std::string help = spec.help;
    if (help.empty()) {
        auto words = taken(spec.words);
        std::string list;
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (!list.empty()) list += ", ";
            list += words[i];
        }
        list = words.size() > 1 ? fmt::format(fmt::runtime(tr("{} or {}")), list, words.back())
                                : std::string(words.front());
        help = fmt::format(fmt::runtime(tr("output format: {}")), list);
    }
    auto words = std::make_shared<std::vector<std::string_view>>(spec.words);
    bool reads = spec.reads;
    auto check = [words, reads](std::string& value) -> std::string {
        if (has(*words, value)) return {};
        if (value == "text" && text_is_table(*words)) {
            value = "table";
            return {};
        }
        return format_refusal(value, *words, reads);
    };
    auto* opt = cmd.add_option(spec.name, var, help)->transform(CLI::Validator(check, ""));
    if (!spec.default_word.empty()) {
        var = spec.default_word;
        opt->default_str(var);
    }
    return opt;
}

}  // namespace gov::cli
